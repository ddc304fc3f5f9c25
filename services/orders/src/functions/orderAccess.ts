import { tableAccess } from '@mesh/infra';

/** Changing orders with their outbox rows: a transaction needs the item actions it holds (Put for new outbox rows, Update for the order). */
export const writeOrders = tableAccess('OrdersTable', ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], {
  sid: 'WriteOrdersWithOutbox',
});
