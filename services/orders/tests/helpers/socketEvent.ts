import type { SocketEvent } from '../../src/websocket/socketEvent';

/** A WebSocket API route's event, as API Gateway (or serverless-offline) hands it to the function. */
export function socketEvent(options: {
  route: string;
  connectionId?: string;
  body?: unknown;
  query?: Record<string, string>;
  authorizer?: Record<string, unknown>;
}): SocketEvent {
  return {
    requestContext: {
      connectionId: options.connectionId ?? 'conn-1',
      routeKey: options.route,
      requestId: 'req-1',
      domainName: 'abc.execute-api.us-east-1.amazonaws.com',
      stage: 'dev',
      ...(options.authorizer ? { authorizer: options.authorizer } : {}),
    },
    ...(options.query ? { queryStringParameters: options.query } : {}),
    ...(options.body === undefined
      ? {}
      : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
    isBase64Encoded: false,
  };
}
