import { httpRoute } from '../httpRoute';

export const listOrdersFunction = {
  handler: 'src/functions/listOrders/handler.handler',
  description: "GET /orders: a customer's orders, newest first (admins may list any customer's).",
  events: [httpRoute('GET', '/orders')],
};
