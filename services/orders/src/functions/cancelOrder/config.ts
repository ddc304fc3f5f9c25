import { httpRoute } from '../httpRoute';

export const cancelOrderFunction = {
  handler: 'src/functions/cancelOrder/handler.handler',
  description: 'POST /orders/{id}/cancel: the owner cancels a pending or reserved order; reserved stock is released.',
  events: [httpRoute('POST', '/orders/{id}/cancel')],
};
