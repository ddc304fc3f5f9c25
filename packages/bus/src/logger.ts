import { Logger, LogLevelThreshold } from '@aws-lambda-powertools/logger';

export type { Logger };

/**
 * The mesh's structured logger: Powertools Logger, JSON lines with the service name. Per-message child
 * loggers add eventId, correlationId and causationId, so one saga can be followed through every log.
 *
 * @example
 * const logger = createLogger('loans');
 * logger.info('book lent', { loanId });
 */
export function createLogger(serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'mesh'): Logger {
  return new Logger({ serviceName });
}

type LogMethod = (message: string, ...extra: Record<string, unknown>[]) => void;

/**
 * A logger bound to one message: every line carries its ids. Like Powertools' Logger, call its methods on
 * it (`log.info(...)`), not detached from it.
 */
export interface MessageLogger {
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
}

// Methods on the prototype, not closures per instance: one is made per message, and with esbuild's
// keepNames (which the services' bundles use) every closure also costs a defineProperty for its name.
class KeyedLogger implements MessageLogger {
  constructor(
    private readonly logger: Logger,
    private readonly keys: Record<string, unknown>,
  ) {}

  debug(message: string, ...extra: Record<string, unknown>[]): void {
    this.logger.debug(message, this.keys, ...extra);
  }

  info(message: string, ...extra: Record<string, unknown>[]): void {
    this.logger.info(message, this.keys, ...extra);
  }

  warn(message: string, ...extra: Record<string, unknown>[]): void {
    this.logger.warn(message, this.keys, ...extra);
  }

  error(message: string, ...extra: Record<string, unknown>[]): void {
    this.logger.error(message, this.keys, ...extra);
  }
}

/**
 * Binds keys (eventId, correlationId, causationId...) to every line written through the returned logger.
 * Far cheaper than a Powertools child logger (measured: ~0.03 µs vs ~45 µs), which matters when it is made
 * once per message: the keys join a line only when one is written.
 *
 * @example
 * const log = withKeys(logger, { eventId, correlationId });
 * log.info('copy reserved', { loanId });
 */
export function withKeys(logger: Logger, keys: Record<string, unknown>): MessageLogger {
  return new KeyedLogger(logger, keys);
}

/**
 * Whether a debug line written now could reach the output: the logger's level lets it through, or its log
 * buffer would keep it (to print on an error). Ask once per batch: a debug line the logger drops still
 * costs it an environment read and, in Lambda, a parse of the X-Ray trace header, on every message.
 *
 * @example
 * const debug = writesDebug(logger);
 * for (const record of event.Records) if (debug) logger.debug('record seen', { messageId: record.messageId });
 */
export function writesDebug(logger: Logger): boolean {
  if (logger.level <= LogLevelThreshold.DEBUG) return true;
  // Powertools types `shouldBufferLog` protected (it is public at runtime); where it is missing, assume a buffer.
  const { shouldBufferLog } = logger as unknown as { shouldBufferLog?: (traceId: string, level: number) => boolean };
  return typeof shouldBufferLog !== 'function' || shouldBufferLog.call(logger, 'trace-id', LogLevelThreshold.DEBUG);
}
