import { httpRoute } from '../httpRoute';

export const placeOrderFunction = {
  handler: 'src/functions/placeOrder/handler.handler',
  description: 'POST /orders: prices and places an order, with its OrderPlaced, in one transaction.',
  events: [httpRoute('POST', '/orders')],
};
