import { randomUUID } from 'node:crypto';
import { createLogger, instrumentHandler, withKeys, type Logger, type MessageLogger } from '@mesh/bus';
import { problemFor } from '../http/problem';
import type { SocketEvent, SocketResult } from './socketEvent';

/** What a WebSocket route gets: its event and a logger keyed with the connection and route. */
export interface SocketRequest {
  event: SocketEvent;
  connectionId: string;
  logger: MessageLogger;
}

/**
 * Wraps a WebSocket route: answers JSON, and maps every thrown error to its status in the service's one
 * place for that ({@link problemFor}), so a refused `$connect` is a 401/403 and a bad `subscribe` a 400.
 *
 * @example
 * export const handler = socketHandler(async () => ({ statusCode: 200 }));
 */
export function socketHandler(
  route: (request: SocketRequest) => Promise<{ statusCode: number; body?: unknown }>,
  options: { logger?: Logger } = {},
) {
  const baseLogger = options.logger ?? createLogger('orders');
  // Traced like every mesh handler (a no-op offline); its metrics flushed.
  return instrumentHandler(
    process.env._HANDLER ?? 'socketHandler',
    async (event: SocketEvent): Promise<SocketResult> => {
      const { connectionId, routeKey } = event.requestContext;
      const requestId = event.requestContext.requestId ?? randomUUID();
      const logger = withKeys(baseLogger, { connectionId, requestId, route: routeKey });
      try {
        const { statusCode, body } = await route({ event, connectionId, logger });
        return body === undefined
          ? { statusCode }
          : { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
      } catch (error) {
        return problemFor(error, logger) as SocketResult;
      }
    },
  );
}
