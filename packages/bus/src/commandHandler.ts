import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { parseCommand, type CommandContract, type CommandEnvelope, type DataOf } from '@mesh/contracts';
import { consumeBatch } from './consumeBatch';
import { failureHandler, type DeadLetterOptions } from './deadLetter';
import { MalformedMessageError, NoObserverError } from './errors';
import { runOnce, type IdempotencyOptions } from './idempotency';
import { instrumentHandler, sharedTracer, traceMessage, type Instrumentation } from './instrumentHandler';
import { createLogger, withKeys, type Logger, type MessageLogger } from './logger';
import { isObject, parseBody, receiveCountOf, type MessageContext } from './messageContext';
import { CONSUMER_DIMENSION, sharedMetrics, UNKNOWN_TYPE, type MetricsBucket } from './MeshMetrics';
import type { SqsBatchHandler } from './subscriber';

export type CommandHandlerFn<C extends CommandContract = CommandContract> = (
  command: CommandEnvelope<DataOf<C>>,
  context: MessageContext,
) => Promise<void>;

export interface CommandRoute<C extends CommandContract = CommandContract> {
  readonly contract: C;
  readonly handle: CommandHandlerFn<C>;
}

/**
 * Registers the handler of one command contract.
 *
 * @example
 * handle(ReserveCopy, async (command, ctx) => reserve(command.data))
 */
export function handle<C extends CommandContract>(contract: C, fn: CommandHandlerFn<C>): CommandRoute<C> {
  return { contract, handle: fn };
}

export interface CommandHandlerOptions extends Instrumentation {
  name: string;
  routes: readonly CommandRoute[];
  /** When set, each command's effect happens once per commandId, beyond SQS's 5-minute dedup window. */
  idempotency?: IdempotencyOptions;
  logger?: Logger;
  /** Where failed commands it gives up on go, with their reason (as for `subscriber`); `false`: SQS alone. */
  deadLetter?: DeadLetterOptions | false;
}

export interface CommandConsumer extends SqsBatchHandler {
  readonly consumerName: string;
  readonly contracts: readonly CommandContract[];
}

/**
 * The Lambda handler of a service's FIFO command queue: each message is checked against its command
 * contract and handed to its handler. A command that can never succeed (malformed, unknown, breaking its
 * contract, or a `PermanentError`) goes to the DLQ at once with its group and reason, and so does a retriable
 * failure on its last allowed receive, so the rest of its group goes on in order. Any other failure stops
 * the batch (FIFO order per aggregate is kept) and the failed and later messages return to the queue.
 *
 * @example
 * export const handler = commandHandler({
 *   name: 'catalog-commands',
 *   routes: [handle(ReserveCopy, onReserveCopy), handle(ReleaseCopy, onReleaseCopy)],
 * });
 */
export function commandHandler(options: CommandHandlerOptions): CommandConsumer {
  const logger = options.logger ?? createLogger();
  const once = options.idempotency ? runOnce(options.idempotency) : undefined;
  const metrics = (options.metrics ?? sharedMetrics()).scope({ [CONSUMER_DIMENSION]: options.name });
  const failed = failureHandler({
    consumer: options.name,
    ...(options.deadLetter !== undefined ? { deadLetter: options.deadLetter } : {}),
    noun: 'command',
    consumerKey: 'consumer',
  });
  const routes = new Map(options.routes.map((route) => [`${route.contract.name}@v${route.contract.version}`, route]));

  const tracer = options.tracer ?? sharedTracer();
  const tracing = tracer.isTracingEnabled();

  // The command's handler; with idempotency, its effect once per commandId.
  const handleOnce = async (
    route: CommandRoute,
    command: CommandEnvelope,
    messageContext: MessageContext,
    bucket: MetricsBucket,
    context: Context | undefined,
  ): Promise<void> => {
    const effect = () => route.handle(command, messageContext);
    if (!once) return effect();
    if ((await once(`${options.name}#${command.commandId}`, effect, context)).duplicate) {
      bucket.count('duplicatesSuppressed');
      messageContext.logger.info('duplicate command suppressed');
    }
  };

  const handleRecord = async (record: SQSRecord, context: Context | undefined): Promise<void> => {
    const receiveCount = receiveCountOf(record.attributes);
    let log: MessageLogger = logger;
    let bucket: MetricsBucket | undefined;
    try {
      const body = parseBody(record.body, MalformedMessageError);
      if (!isObject(body) || typeof body.name !== 'string') {
        throw new MalformedMessageError('message body is not a command envelope with a name');
      }
      bucket = metrics.of(body.name);
      if (receiveCount > 1) bucket.count('messagesRetried');
      const route = routes.get(`${body.name}@v${String(body.version)}`);
      if (!route) throw new NoObserverError(`${options.name} has no handler for ${body.name} v${String(body.version)}`);
      const command = parseCommand(route.contract, body);
      log = withKeys(logger, {
        commandId: command.commandId,
        correlationId: command.correlationId,
        causationId: command.causationId,
        command: command.name,
        messageId: record.messageId,
      });
      const messageContext: MessageContext = {
        logger: log,
        // The trace goes on from the header the command was sent with (SQS's AWSTraceHeader).
        trace: {
          correlationId: command.correlationId,
          causationId: command.commandId,
          traceHeader: record.attributes?.AWSTraceHeader,
        },
        messageId: record.messageId,
        receiveCount,
      };
      if (tracing) {
        const annotations = { correlationId: command.correlationId, commandId: command.commandId };
        await traceMessage(tracer, command.name, annotations, () =>
          handleOnce(route, command, messageContext, bucket!, context),
        );
      } else {
        await handleOnce(route, command, messageContext, bucket, context);
      }
      bucket.count('messagesHandled');
      bucket.lag(Date.now() - Date.parse(command.issuedAt));
    } catch (error) {
      (bucket ?? metrics.of(UNKNOWN_TYPE)).count('messagesFailed');
      await failed(record, error, log);
    }
  };

  const handler = instrumentHandler(
    options.name,
    (event: SQSEvent, context?: Context) =>
      consumeBatch(event, context, (record) => handleRecord(record, context), logger),
    options,
  );
  return Object.assign(handler, { consumerName: options.name, contracts: options.routes.map((r) => r.contract) });
}
