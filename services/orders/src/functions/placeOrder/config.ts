import { tableAccess } from '@mesh/infra';
import { httpRoute } from '../httpRoute';

export const placeOrderFunction = {
  handler: 'src/functions/placeOrder/handler.handler',
  // Well inside the HTTP API's 30 s integration limit, so a slow call ends as our 5xx, not a gateway timeout.
  timeout: 10,
  description: 'POST /orders: prices and places an order, with its OrderPlaced, in one transaction.',
  events: [httpRoute('POST', '/orders')],
  // The order and its outbox rows: new items only, in one transaction.
  touches: [tableAccess('OrdersTable', ['dynamodb:PutItem'], { sid: 'PlaceOrdersWithOutbox' })],
};
