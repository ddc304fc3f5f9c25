import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { EventSourceMappingSpec } from '../provision/types';
import type { HopRecorder } from '../trace/types';
import { failedItemIds } from './batchItemFailures';
import type { SqsFaultHook } from '../faults';
import { startBatchHops } from './batchHops';
import type { LambdaInvoker } from './lambdaInvoker';
import { sleep } from './sleep';
import { toSqsRecord, type SQSEvent } from './sqsEvent';

export interface SqsPollerOptions {
  /** An event source mapping of kind `sqs`. */
  spec: EventSourceMappingSpec;
  sqs: SQSClient;
  invoke: LambdaInvoker;
  /** The records' `awsRegion`; the queue ARN's region by default. */
  region?: string;
  /** Long-poll wait of each receive, 0–20 s. Default 20, as Lambda's pollers. */
  waitTimeSeconds?: number;
  /**
   * Batches in flight at once on a standard queue: the mapping's `ScalingConfig.MaximumConcurrency` if it has one,
   * else this, else 5 (the pollers Lambda starts a queue with). A FIFO queue always has one.
   */
  concurrency?: number;
  /** Pause of a worker after a failed invocation or receive. Default 1000 ms. */
  errorBackoffMs?: number;
  logger?: Pick<Console, 'warn' | 'error'>;
  /** Records each message's `received`, then `handled` or `failed` hop (and `sent` for a command). */
  hops?: HopRecorder;
  /** The service whose function this is, for the hops. */
  service?: string;
  /** Injects faults between the queue and the function (the soak's; see `faults.ts`). None by default. */
  faults?: SqsFaultHook;
}

export interface SqsPoller {
  /** Finds the queue and starts polling; rejects when the queue cannot be found. */
  start(): Promise<void>;
  /** Stops receiving, waits for the batches in flight (invocation and deletes), releases batches not yet invoked. */
  stop(): Promise<void>;
}

const MAX_RECEIVE = 10;
/** Lambda starts polling a standard queue with five concurrent batches (then scales up with the backlog). */
export const DEFAULT_SQS_CONCURRENCY = 5;

/**
 * Lambda's SQS event source mapping, offline: long-polls the queue, fills a batch of up to `batchSize` within the
 * batching window, invokes the function with AWS's SQS event, and deletes the messages that succeeded — with
 * ReportBatchItemFailures every message but the reported ones (a malformed report fails the batch), otherwise the
 * whole batch on success and nothing on a function error. Failed messages come back after their visibility timeout
 * and reach the DLQ through the queue's redrive policy. A FIFO queue is polled one batch at a time, so two batches
 * of a message group are never in flight together; a standard queue runs `concurrency` batches at once.
 *
 * @example
 * const poller = createSqsPoller({ spec, sqs: new SQSClient({ endpoint: edgeUrl }), invoke: lambdaInvoker('http://127.0.0.1:3002') });
 * await poller.start();
 * // ...
 * await poller.stop();
 */
export function createSqsPoller(options: SqsPollerOptions): SqsPoller {
  const { spec, sqs, invoke } = options;
  if (spec.kind !== 'sqs') throw new TypeError(`createSqsPoller takes an sqs mapping, got ${spec.kind}`);
  if (!Number.isInteger(spec.batchSize) || spec.batchSize < 1 || spec.batchSize > 10_000) {
    throw new RangeError(`batchSize must be an integer from 1 to 10000, got ${spec.batchSize}`);
  }
  const logger = options.logger ?? console;
  const waitTimeSeconds = options.waitTimeSeconds ?? 20;
  const errorBackoffMs = options.errorBackoffMs ?? 1000;
  const [, , , region = '', , queueName = ''] = spec.sourceArn.split(':');
  const awsRegion = options.region ?? region;
  const fifo = queueName.endsWith('.fifo');
  const concurrency = fifo ? 1 : Math.max(1, spec.maximumConcurrency ?? options.concurrency ?? DEFAULT_SQS_CONCURRENCY);
  const label = `[sqsPoller] ${queueName} → ${spec.functionName}`;
  const invokeBatch = options.faults?.wrapSqsInvoker({ spec, sqs, queueUrl: () => queueUrl, fifo, invoke }) ?? invoke;
  const hopsContext = options.hops && {
    recorder: options.hops,
    queue: queueName,
    queueArn: spec.sourceArn,
    functionName: spec.functionName,
    ...(options.service ? { service: options.service } : {}),
  };

  let abort = new AbortController();
  let workers: Promise<void>[] = [];
  let queueUrl = spec.queueUrl;

  async function receive(max: number, wait: number, signal: AbortSignal): Promise<Message[]> {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: Math.min(MAX_RECEIVE, max),
        WaitTimeSeconds: wait,
        AttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
      { abortSignal: signal },
    );
    return Messages;
  }

  /** The first receive long-polls; then the batch fills until `batchSize` or the end of the batching window. */
  async function collectBatch(signal: AbortSignal): Promise<Message[]> {
    const batch = await receive(spec.batchSize, waitTimeSeconds, signal);
    if (batch.length === 0) return batch;
    const deadline = Date.now() + spec.maximumBatchingWindowSeconds * 1000;
    while (batch.length < spec.batchSize && Date.now() < deadline && !signal.aborted) {
      const remainingMs = deadline - Date.now();
      const wait = Math.min(20, Math.floor(remainingMs / 1000));
      let more: Message[];
      try {
        more = await receive(spec.batchSize - batch.length, wait, signal);
      } catch (error) {
        // Keep what was received: it is invoked (or released on stop) rather than left invisible.
        if (!signal.aborted) logger.warn(`${label}: receive failed while filling a batch:`, error);
        break;
      }
      for (const message of more) {
        // The batching window outlived the visibility timeout and the message came back: keep its newest receipt.
        const earlier = batch.findIndex((held) => held.MessageId === message.MessageId);
        if (earlier >= 0) batch.splice(earlier, 1);
        batch.push(message);
      }
      if (more.length === 0 && wait === 0) await sleep(Math.min(remainingMs, 100), signal);
    }
    return batch;
  }

  async function processBatch(batch: Message[], signal: AbortSignal): Promise<void> {
    const event: SQSEvent = { Records: batch.map((message) => toSqsRecord(message, spec.sourceArn, awsRegion)) };
    const hops = startBatchHops(batch, hopsContext);
    let succeeded: Message[];
    try {
      const response = await invokeBatch(spec.functionName, event);
      if (spec.reportBatchItemFailures) {
        const failed = failedItemIds(response, new Set(batch.map((message) => message.MessageId ?? '')));
        hops.finished(failed);
        succeeded = batch.filter((message) => !failed.has(message.MessageId ?? ''));
        if (failed.size > 0) {
          logger.warn(
            `${label}: ${failed.size} of ${batch.length} message(s) failed (${[...failed].join(', ')}); ` +
              'they come back after the visibility timeout',
          );
        }
      } else {
        hops.finished(new Set());
        succeeded = batch;
      }
    } catch (error) {
      hops.failedAll(error instanceof Error ? error.message : String(error));
      logger.error(
        `${label}: the batch of ${batch.length} message(s) failed and comes back after the visibility timeout: ` +
          `${error instanceof Error ? error.message : String(error)}`,
      );
      await sleep(errorBackoffMs, signal);
      return;
    }
    await deleteMessages(succeeded);
  }

  async function deleteMessages(messages: Message[]): Promise<void> {
    for (let i = 0; i < messages.length; i += MAX_RECEIVE) {
      const chunk = messages.slice(i, i + MAX_RECEIVE);
      try {
        const { Failed = [] } = await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: chunk.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })),
          }),
        );
        for (const failure of Failed) {
          const message = chunk[Number(failure.Id)];
          logger.warn(`${label}: could not delete message ${message?.MessageId}: ${failure.Code} ${failure.Message}`);
        }
      } catch (error) {
        logger.warn(
          `${label}: could not delete ${chunk.length} processed message(s); they will be redelivered:`,
          error,
        );
      }
    }
  }

  /** Makes messages received but never invoked visible again at once, so a stop loses no time for them. */
  async function release(messages: Message[]): Promise<void> {
    if (messages.length === 0) return;
    try {
      for (let i = 0; i < messages.length; i += MAX_RECEIVE) {
        await sqs.send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: queueUrl,
            Entries: messages.slice(i, i + MAX_RECEIVE).map((message, index) => ({
              Id: String(index),
              ReceiptHandle: message.ReceiptHandle,
              VisibilityTimeout: 0,
            })),
          }),
        );
      }
    } catch (error) {
      logger.warn(
        `${label}: could not release ${messages.length} message(s); they come back after the visibility timeout:`,
        error,
      );
    }
  }

  async function work(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      let batch: Message[];
      try {
        batch = await collectBatch(signal);
      } catch (error) {
        if (signal.aborted) return;
        logger.warn(`${label}: receive failed:`, error);
        await sleep(errorBackoffMs, signal);
        continue;
      }
      if (batch.length === 0) continue;
      if (signal.aborted) {
        await release(batch);
        return;
      }
      await processBatch(batch, signal);
    }
  }

  return {
    async start() {
      if (workers.length > 0) return;
      if (!queueUrl) {
        ({ QueueUrl: queueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queueName })));
      }
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['VisibilityTimeout'] }),
      );
      const visibilityTimeout = Number(Attributes?.VisibilityTimeout ?? 30);
      if (spec.maximumBatchingWindowSeconds >= visibilityTimeout) {
        logger.warn(
          `${label}: the batching window (${spec.maximumBatchingWindowSeconds} s) is not shorter than the queue's ` +
            `visibility timeout (${visibilityTimeout} s): messages come back before their batch is invoked`,
        );
      }
      abort = new AbortController();
      const signal = abort.signal;
      workers = Array.from({ length: concurrency }, () =>
        work(signal).catch((error: unknown) => logger.error(`${label}: stopped:`, error)),
      );
    },

    async stop() {
      abort.abort();
      await Promise.all(workers);
      workers = [];
    },
  };
}
