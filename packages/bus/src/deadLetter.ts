import { createHash } from 'node:crypto';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { blamedObserver, classifyFailure, failureReason } from './classifyFailure';
import { deadLetterAttributes } from './deadLetterAttributes';
import { DeadLetterConfigError } from './errors';
import { sharedTracer } from './instrumentHandler';
import type { MessageLogger } from './logger';
import { receiveCountOf } from './messageContext';
import { AWS_TRACE_HEADER, isTraceHeader } from './traceHeader';

/**
 * The environment variables through which a consumer's function learns its DLQ and its queue's
 * maxReceiveCount (set from the declaration by `deadLetterEnvironment` of @mesh/infra).
 */
export const DEAD_LETTER_ENV = { queueUrl: 'MESH_DLQ_URL', maxReceiveCount: 'MESH_MAX_RECEIVE_COUNT' } as const;

/** Where a consumer sends the messages it gives up on. */
export interface DeadLetterOptions {
  /** The URL of the consumer's own DLQ (the one its queue's RedrivePolicy names). */
  queueUrl: string;
  /** Its queue's maxReceiveCount: on that receive a retriable failure is moved, not returned. */
  maxReceiveCount: number;
  client?: SQSClient;
  now?: () => Date;
}

/**
 * The dead-letter settings in a function's environment ({@link DEAD_LETTER_ENV}); `undefined` when neither
 * is set (the consumer then leaves every failure to SQS's redrive). One without the other, or a count that
 * is not a positive integer, is a deployment mistake and throws {@link DeadLetterConfigError} at init.
 *
 * @example
 * const deadLetter = deadLetterFromEnvironment(); // { queueUrl: 'https://…/reminders-dev-loan-events-dlq', maxReceiveCount: 5 }
 */
export function deadLetterFromEnvironment(env: NodeJS.ProcessEnv = process.env): DeadLetterOptions | undefined {
  const queueUrl = env[DEAD_LETTER_ENV.queueUrl];
  const count = env[DEAD_LETTER_ENV.maxReceiveCount];
  if (!queueUrl && !count) return undefined;
  const maxReceiveCount = Number(count);
  if (!queueUrl || !Number.isInteger(maxReceiveCount) || maxReceiveCount < 1) {
    throw new DeadLetterConfigError(
      `${DEAD_LETTER_ENV.queueUrl} (a queue URL) and ${DEAD_LETTER_ENV.maxReceiveCount} (a positive integer) ` +
        `must be set together; got ${JSON.stringify(queueUrl ?? null)} and ${JSON.stringify(count ?? null)}`,
    );
  }
  return { queueUrl, maxReceiveCount };
}

/** Who is failing messages, as the logs and the dead letters name it. */
export interface FailureHandlerOptions {
  consumer: string;
  /** `undefined`: from the environment; `false`: never move, leave it all to SQS. */
  deadLetter?: DeadLetterOptions | false;
  /** How the log lines call a message and its consumer: `message`/`subscriber` or `command`/`consumer`. */
  noun: 'message' | 'command';
  consumerKey: 'subscriber' | 'consumer';
}

/**
 * Settles a failed message: resolves when it was moved to the DLQ with its reason (so the batch reports it
 * handled and a FIFO group goes on), rejects with the error when it returns to its queue (retriable, or
 * the DLQ refused it: nothing is lost, SQS's redrive still applies).
 */
export type FailureHandler = (record: SQSRecord, error: unknown, log: MessageLogger) => Promise<void>;

/**
 * The failure path shared by subscribers and command handlers ({@link classifyFailure} decides, then
 * {@link deadLetterAttributes} describe).
 *
 * @example
 * const failed = failureHandler({ consumer: 'reminders-loan-events', noun: 'message', consumerKey: 'subscriber' });
 * try { await handle(record); } catch (error) { await failed(record, error, log); }
 */
export function failureHandler(options: FailureHandlerOptions): FailureHandler {
  const settings = options.deadLetter === undefined ? deadLetterFromEnvironment() : options.deadLetter || undefined;
  let client = settings?.client;
  const now = settings?.now ?? (() => new Date());

  return async (record, error, log) => {
    const receiveCount = receiveCountOf(record.attributes);
    const reason = failureReason(error);
    const observer = blamedObserver(error);
    const kind = settings ? classifyFailure(error, receiveCount, settings.maxReceiveCount) : 'retriable';
    const keys = { reason, messageId: record.messageId, receiveCount, [options.consumerKey]: options.consumer };
    if (!settings || kind === 'retriable') {
      log.error(`${options.noun} failed; it returns to its queue`, { ...keys, ...(observer ? { observer } : {}) });
      throw error;
    }
    const { attributes, dropped } = deadLetterAttributes(record, {
      kind,
      reason,
      consumer: options.consumer,
      ...(observer ? { observer } : {}),
      failedAt: now(),
      receiveCount,
    });
    const traceHeader = record.attributes?.AWSTraceHeader;
    client ??= sharedTracer().captureAWSv3Client(new SQSClient({}));
    try {
      await client.send(
        new SendMessageCommand({
          QueueUrl: settings.queueUrl,
          MessageBody: record.body,
          MessageAttributes: attributes,
          ...(isTraceHeader(traceHeader)
            ? { MessageSystemAttributes: { [AWS_TRACE_HEADER]: { DataType: 'String', StringValue: traceHeader } } }
            : {}),
          ...fifoIds(record, settings.queueUrl),
        }),
      );
    } catch (sendError) {
      log.error(`${options.noun} failed and its DLQ refused it; it returns to its queue`, {
        ...keys,
        deadLetterError: failureReason(sendError),
      });
      throw error;
    }
    log.error(`${options.noun} failed; moved to its DLQ`, {
      ...keys,
      failureKind: kind,
      ...(observer ? { observer } : {}),
      deadLetterQueue: settings.queueUrl,
      ...(dropped.length > 0 ? { attributesDropped: dropped } : {}),
    });
  };
}

/**
 * A FIFO dead letter keeps its group, and its deduplication id is derived from the original's message id
 * and deduplication id: if the consumer dies between moving it and reporting it handled, SQS delivers it
 * again and the second move is a no-op within the DLQ's five-minute deduplication window.
 */
function fifoIds(record: SQSRecord, queueUrl: string) {
  if (!queueUrl.endsWith('.fifo')) return {};
  const { MessageGroupId, MessageDeduplicationId } = record.attributes as {
    MessageGroupId?: string;
    MessageDeduplicationId?: string;
  };
  const dedup = createHash('sha256')
    .update(`dead-letter\n${record.messageId}\n${MessageDeduplicationId ?? ''}`)
    .digest('hex');
  return { MessageGroupId: MessageGroupId ?? record.messageId, MessageDeduplicationId: dedup };
}
