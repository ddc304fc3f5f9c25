import type { Message } from '@aws-sdk/client-sqs';
import { idsOfMessageBody } from '../trace/messageIds';
import type { Hop, HopRecorder } from '../trace/types';

export interface BatchHopsContext {
  recorder: HopRecorder;
  queue: string;
  queueArn: string;
  functionName: string;
  /** The service (of serverless-compose.yml) whose function it is. */
  service?: string;
}

/** What a poller tells of one invocation: each message's outcome once the function answered. */
export interface BatchHops {
  /** Every message of the batch was handled but those in `failed` (the reported batch item failures). */
  finished(failed: ReadonlySet<string>): void;
  /** The whole batch failed (function error, malformed response): every message returns to its queue. */
  failedAll(reason: string): void;
}

const NO_HOPS: BatchHops = { finished: () => {}, failedAll: () => {} };

/**
 * Records the hops of one SQS batch an event-source mapping invokes: `sent` for a command seen for the first
 * time (it reached its queue without the bus; timed by its `SentTimestamp`), `received` for each message (with
 * its ApproximateReceiveCount as `attempt`), then `handled` or `failed` with the invocation's duration. Ids come
 * from the body: a command envelope, or the EventBridge event whose `detail` is the mesh envelope.
 *
 * @example
 * const hops = startBatchHops(batch, { recorder, queue, queueArn, functionName, service: 'loans' });
 * // … invoke …
 * hops.finished(failedIds);
 */
export function startBatchHops(batch: readonly Message[], context: BatchHopsContext | undefined): BatchHops {
  if (!context) return NO_HOPS;
  const { recorder, queue, queueArn, functionName, service } = context;
  const startedAt = Date.now();
  const where = { queue, target: queueArn, functionName, ...(service ? { service } : {}) };
  const messages = batch.map((message) => {
    const { command, ...ids } = idsOfMessageBody(message.Body);
    const messageId = message.MessageId ?? '';
    const attempt = Number(message.Attributes?.ApproximateReceiveCount ?? 1);
    const fields = { ...ids, ...where, messageId, attempt };
    const sentAt = Number(message.Attributes?.SentTimestamp);
    if (command && attempt === 1 && Number.isFinite(sentAt)) {
      recorder.record({ ...ids, queue, target: queueArn, messageId, at: sentAt, kind: 'sent' });
    }
    recorder.record({ ...fields, at: startedAt, kind: 'received' });
    return fields;
  });
  const end = (kindOf: (messageId: string) => Hop['kind'], reason?: string) => {
    const at = Date.now();
    for (const fields of messages) {
      const kind = kindOf(fields.messageId);
      recorder.record({
        ...fields,
        at,
        kind,
        durationMs: at - startedAt,
        ...(kind === 'failed' && reason !== undefined ? { reason } : {}),
      });
    }
  };
  return {
    finished: (failed) => end((messageId) => (failed.has(messageId) ? 'failed' : 'handled')),
    failedAll: (reason) => end(() => 'failed', reason),
  };
}
