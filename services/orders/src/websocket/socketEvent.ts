/**
 * A WebSocket route's event (API Gateway WebSocket API, Lambda proxy). `queryStringParameters` come with
 * `$connect` only; `authorizer` is the context of the `$connect` route's Lambda REQUEST authorizer, when
 * one is attached.
 */
export interface SocketEvent {
  requestContext: {
    connectionId: string;
    routeKey: string;
    requestId?: string;
    domainName?: string;
    stage?: string;
    authorizer?: Record<string, unknown> | null;
  };
  queryStringParameters?: Record<string, string | undefined> | null;
  headers?: Record<string, string | undefined>;
  body?: string;
  isBase64Encoded?: boolean;
}

/** What a WebSocket route answers: a non-2xx refuses a `$connect`; the body of `subscribe` goes to the client. */
export interface SocketResult {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
}
