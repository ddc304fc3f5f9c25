import { httpRoute } from '../httpRoute';

export const getOrderFunction = {
  handler: 'src/functions/getOrder/handler.handler',
  description: "GET /orders/{id}: one of the caller's orders.",
  events: [httpRoute('GET', '/orders/{id}')],
};
