import { tableAccess } from '@mesh/infra';
import { httpRoute } from '../httpRoute';

export const getOrderFunction = {
  handler: 'src/functions/getOrder/handler.handler',
  // Well inside the HTTP API's 30 s integration limit, so a slow call ends as our 5xx, not a gateway timeout.
  timeout: 10,
  description: "GET /orders/{id}: one of the caller's orders.",
  events: [httpRoute('GET', '/orders/{id}')],
  touches: [tableAccess('OrdersTable', ['dynamodb:GetItem'], { sid: 'ReadOrders' })],
};
