import { tableAccess } from '@mesh/infra';
/** `{"action":"subscribe","orderId":"…"}`; `$default` route responses send the handler's answer back to the client. */
export const wsSubscribeFunction = {
  handler: 'src/functions/wsSubscribe/handler.handler',
  timeout: 10,
  description: "WebSocket subscribe: follows one of the caller's orders, answering its current status.",
  events: [{ websocket: { route: 'subscribe', routeResponseSelectionExpression: '$default' } }],
  touches: [
    tableAccess('OrdersTable', ['dynamodb:GetItem'], {
      leadingKeys: ['CONNECTION#*', 'ORDER#*'],
      sid: 'ReadConnectionsAndOrders',
    }),
    tableAccess('OrdersTable', ['dynamodb:PutItem'], { leadingKeys: ['SUBSCRIBERS#*'], sid: 'RecordSubscribers' }),
  ],
};
