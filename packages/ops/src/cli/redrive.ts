import { randomUUID } from 'node:crypto';
import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type Message,
  type MessageAttributeValue,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { OpsCommand } from './context';
import { RedriveTargetError } from './errors';
import { progressBar } from '@mesh/cli';
import {
  listStageQueues,
  queueAttributes,
  queueNameOf,
  queueNameOfArn,
  redrivePolicyOf,
  resolveQueue,
  type QueueRef,
} from './queueLookup';

export interface RedriveOptions {
  dlqUrl: string;
  targetUrl: string;
  /** Move at most this many; all by default (until the DLQ answers no message). */
  max?: number;
  /** How long a message being moved stays hidden in the DLQ; one whose send failed comes back after it. */
  holdSeconds?: number;
  /** Called after each batch of up to 10. */
  onProgress?: (moved: number, total: number) => void;
}

export interface RedriveResult {
  moved: number;
  /** The DLQ's depth at the start (capped by `max`), or the number seen if more turned up. */
  total: number;
  /** Messages left in the DLQ, with why: their send or delete failed. */
  failed: { messageId: string; reason: string }[];
}

/**
 * The queue whose redrive policy names this DLQ, among the stage's queues. None or several throw
 * {@link RedriveTargetError}, asking for `--to`.
 */
export async function findRedriveSource(sqs: SQSClient, dlqUrl: string, stage: string): Promise<QueueRef> {
  const dlqName = queueNameOf(dlqUrl);
  const queues = (await listStageQueues(sqs, stage)).filter((queue) => queue.name !== dlqName);
  const policies = await Promise.all(
    queues.map(async (q) => redrivePolicyOf(await queueAttributes(sqs, q.url, ['RedrivePolicy']))),
  );
  const sources = queues.filter((_, i) => {
    const arn = policies[i]?.deadLetterTargetArn;
    return arn !== undefined && queueNameOfArn(arn) === dlqName;
  });
  if (sources.length === 1) return sources[0]!;
  throw new RedriveTargetError(
    sources.length === 0
      ? `no queue of stage ${stage} has ${dlqName} as its dead-letter queue; say where to move them with --to <queue>`
      : `${sources.length} queues use ${dlqName} as their dead-letter queue (${sources.map((s) => s.name).join(', ')}); choose one with --to <queue>`,
  );
}

// Received attributes carry list fields SendMessage refuses when empty; keep what a sender can set.
const sendable = (attributes: Message['MessageAttributes']): Record<string, MessageAttributeValue> | undefined => {
  if (!attributes || Object.keys(attributes).length === 0) return undefined;
  return Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [
      name,
      {
        DataType: value.DataType,
        ...(value.StringValue !== undefined ? { StringValue: value.StringValue } : {}),
        ...(value.BinaryValue !== undefined ? { BinaryValue: value.BinaryValue } : {}),
      },
    ]),
  );
};

/**
 * Moves messages from a dead-letter queue back to `targetUrl`, 10 at a time: receive → send (same body and
 * message attributes; to a FIFO queue with the original MessageGroupId and a fresh deduplication id, so a
 * redrive within 5 minutes of the first send is not dropped as a duplicate) → delete only what was sent.
 * A message whose send fails stays in the DLQ (hidden for `holdSeconds`, then visible again).
 *
 * @example
 * const { moved, total } = await redriveMessages(sqs, { dlqUrl, targetUrl });
 */
export async function redriveMessages(sqs: SQSClient, options: RedriveOptions): Promise<RedriveResult> {
  const { dlqUrl, targetUrl } = options;
  const fifo = targetUrl.endsWith('.fifo');
  const limit = options.max ?? Number.POSITIVE_INFINITY;
  const depth = Number(
    (await queueAttributes(sqs, dlqUrl, ['ApproximateNumberOfMessages'])).ApproximateNumberOfMessages ?? 0,
  );
  const result: RedriveResult = { moved: 0, total: Math.min(depth, limit), failed: [] };
  let seen = 0;
  while (seen < limit) {
    const { Messages: batch = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: dlqUrl,
        MaxNumberOfMessages: Math.min(10, limit - seen),
        VisibilityTimeout: options.holdSeconds ?? 60,
        WaitTimeSeconds: 1,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
      }),
    );
    if (batch.length === 0) break;
    seen += batch.length;
    result.total = Math.max(result.total, seen);

    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: targetUrl,
        Entries: batch.map((message, i) => ({
          Id: String(i),
          MessageBody: message.Body ?? '',
          MessageAttributes: sendable(message.MessageAttributes),
          ...(fifo
            ? { MessageGroupId: message.Attributes?.MessageGroupId ?? 'redrive', MessageDeduplicationId: randomUUID() }
            : {}),
        })),
      }),
    );
    for (const failure of sent.Failed ?? []) {
      const message = batch[Number(failure.Id)];
      result.failed.push({
        messageId: message?.MessageId ?? '?',
        reason: `send: ${failure.Code} ${failure.Message ?? ''}`.trim(),
      });
    }
    const toDelete = (sent.Successful ?? []).map((ok) => batch[Number(ok.Id)]!);
    if (toDelete.length > 0) {
      const deleted = await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: dlqUrl,
          Entries: toDelete.map((message, i) => ({ Id: String(i), ReceiptHandle: message.ReceiptHandle! })),
        }),
      );
      result.moved += deleted.Successful?.length ?? 0;
      for (const failure of deleted.Failed ?? []) {
        const message = toDelete[Number(failure.Id)];
        // Sent but still in the DLQ: a later redrive would deliver it twice; consumers are idempotent, but say so.
        result.failed.push({
          messageId: message?.MessageId ?? '?',
          reason:
            `sent, but delete failed (it will be redriven again): ${failure.Code} ${failure.Message ?? ''}`.trim(),
        });
      }
    }
    options.onProgress?.(result.moved, result.total);
  }
  return result;
}

export const redriveCommand: OpsCommand = {
  name: 'redrive',
  summary: 'move messages from a DLQ back to their source queue',
  usage: 'redrive <dlq> [--to <queue>] [--max N]',
  description: `Moves the messages of a dead-letter queue back to the queue whose RedrivePolicy names it (or --to),
10 at a time: receive, send (same body and message attributes; to a FIFO queue with the original
MessageGroupId and a fresh deduplication id), then delete only what was sent. A message whose send fails
stays in the DLQ. Progress goes to stderr; the summary says "moved N of M" and exits 1 if any failed.`,
  args: ['dlq'],
  flags: [
    { name: 'to', kind: 'string', value: '<queue>', description: 'the queue to move them to (name or URL)' },
    { name: 'max', kind: 'count', value: '<N>', description: 'move at most N messages; all by default' },
  ],
  remote: true,
  async run(ctx, [dlq], flags) {
    const dlqRef = await resolveQueue(ctx.sqs, dlq!, ctx.stage);
    const target = flags.to
      ? await resolveQueue(ctx.sqs, String(flags.to), ctx.stage)
      : await findRedriveSource(ctx.sqs, dlqRef.url, ctx.stage);
    if (!ctx.json) ctx.io.err.write(`Moving messages from ${dlqRef.name} to ${target.name}…\n`);
    const progress = progressBar(ctx.io.err, 'moved');
    const result = await redriveMessages(ctx.sqs, {
      dlqUrl: dlqRef.url,
      targetUrl: target.url,
      ...(flags.max ? { max: flags.max as number } : {}),
      onProgress: (moved, total) => progress.update(moved, total),
    });
    progress.end();
    if (ctx.json) {
      ctx.io.out.write(`${JSON.stringify({ from: dlqRef.name, to: target.name, ...result }, null, 2)}\n`);
    } else {
      for (const failure of result.failed) ctx.io.err.write(`  ✗ ${failure.messageId}: ${failure.reason}\n`);
      ctx.io.out.write(`moved ${result.moved} of ${result.total} from ${dlqRef.name} to ${target.name}\n`);
    }
    return result.failed.length > 0 ? 1 : 0;
  },
};
