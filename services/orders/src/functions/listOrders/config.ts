import { tableAccess } from '@mesh/infra';
import { BY_CUSTOMER_INDEX } from '../../store/ordersTable';
import { httpRoute } from '../httpRoute';

export const listOrdersFunction = {
  handler: 'src/functions/listOrders/handler.handler',
  // Well inside the HTTP API's 30 s integration limit, so a slow call ends as our 5xx, not a gateway timeout.
  timeout: 10,
  description: "GET /orders: a customer's orders, newest first (admins may list any customer's).",
  events: [httpRoute('GET', '/orders')],
  touches: [tableAccess('OrdersTable', ['dynamodb:Query'], { index: BY_CUSTOMER_INDEX, sid: 'ListByCustomer' })],
};
