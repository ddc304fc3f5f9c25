/**
 * `$connect` of the WebSocket API. In AWS, a Lambda REQUEST authorizer is attached to this route when the
 * `websocketAuthorizerArn` param names one (serverless.ts); the handler refuses every connection without it.
 */
export const wsConnectFunction = {
  handler: 'src/functions/wsConnect/handler.handler',
  timeout: 10,
  description:
    'WebSocket $connect: authenticates the caller (token query string parameter) and records the connection.',
  events: [{ websocket: { route: '$connect' } }],
};
