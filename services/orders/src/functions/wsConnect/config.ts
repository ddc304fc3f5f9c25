import { tableAccess } from '@mesh/infra';
/**
 * `$connect` of the WebSocket API. In AWS, the wsAuthorize Lambda REQUEST authorizer guards this route
 * (serverless.ts) and hands the caller over; offline, the handler verifies the development token itself.
 */
export const wsConnectFunction = {
  handler: 'src/functions/wsConnect/handler.handler',
  timeout: 10,
  description:
    'WebSocket $connect: authenticates the caller (token query string parameter) and records the connection.',
  events: [{ websocket: { route: '$connect' } }],
  // Connection items only (their own partitions), never an order.
  touches: [
    tableAccess('OrdersTable', ['dynamodb:PutItem'], { leadingKeys: ['CONNECTION#*'], sid: 'RecordConnections' }),
  ],
};
