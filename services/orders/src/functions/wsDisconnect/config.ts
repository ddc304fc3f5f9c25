export const wsDisconnectFunction = {
  handler: 'src/functions/wsDisconnect/handler.handler',
  timeout: 10,
  description: 'WebSocket $disconnect: forgets the connection.',
  events: [{ websocket: { route: '$disconnect' } }],
};
