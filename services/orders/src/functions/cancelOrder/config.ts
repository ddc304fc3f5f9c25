import { sendsTo } from '@mesh/infra';
import { writeOrders } from '../orderAccess';
import { httpRoute } from '../httpRoute';

export const cancelOrderFunction = {
  handler: 'src/functions/cancelOrder/handler.handler',
  // Well inside the HTTP API's 30 s integration limit, so a slow call ends as our 5xx, not a gateway timeout.
  timeout: 10,
  description: 'POST /orders/{id}/cancel: the owner cancels a pending or reserved order; reserved stock is released.',
  events: [httpRoute('POST', '/orders/{id}/cancel')],
  touches: [writeOrders, sendsTo('${param:inventoryCommandsQueueArn}', 'SendInventoryCommands')],
};
