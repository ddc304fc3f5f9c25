import { ApiGatewayManagementApiClient, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';

/** API Gateway no longer knows the connection (closed, or expired): nothing will ever reach it again. */
export class ConnectionGoneError extends Error {
  override readonly name = 'ConnectionGoneError';
  constructor(readonly connectionId: string) {
    super(`WebSocket connection ${connectionId} is gone`);
  }
}

/** Sends to WebSocket connections; throws {@link ConnectionGoneError} for a connection that is gone. */
export interface SocketClient {
  post(connectionId: string, message: unknown): Promise<void>;
}

// The SDK names a 410 `GoneException`; serverless-offline answers a bare 410, which the SDK may name otherwise.
const isGone = (error: unknown) => {
  const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return name === 'GoneException' || $metadata?.httpStatusCode === 410;
};

/**
 * The WebSocket API's `@connections` management API, at `endpoint`: `https://<api-id>.execute-api.<region>.
 * amazonaws.com/<stage>` in AWS, serverless-offline's WebSocket server offline (it implements
 * `POST /@connections/{id}` there).
 *
 * @example
 * const sockets = managementApiSocketClient(process.env.WEBSOCKET_MANAGEMENT_ENDPOINT!);
 * await sockets.post('Abc123=', { type: 'order-status', orderId: 'ord-1', status: 'CONFIRMED' });
 */
export function managementApiSocketClient(
  endpoint: string,
  client = new ApiGatewayManagementApiClient({ endpoint }),
): SocketClient {
  return {
    async post(connectionId, message) {
      try {
        await client.send(
          new PostToConnectionCommand({ ConnectionId: connectionId, Data: Buffer.from(JSON.stringify(message)) }),
        );
      } catch (error) {
        if (isGone(error)) throw new ConnectionGoneError(connectionId);
        throw error;
      }
    },
  };
}
