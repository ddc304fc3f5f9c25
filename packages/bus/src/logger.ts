import { Logger } from '@aws-lambda-powertools/logger';

export type { Logger };

/**
 * The mesh's structured logger: Powertools Logger, JSON lines with the service name. Per-message child
 * loggers add eventId, correlationId and causationId, so one saga can be followed through every log.
 *
 * @example
 * const logger = createLogger('orders');
 * logger.info('order placed', { orderId });
 */
export function createLogger(serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'mesh'): Logger {
  return new Logger({ serviceName });
}
