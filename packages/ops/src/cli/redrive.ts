import { randomUUID } from 'node:crypto';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type Message,
  type MessageAttributeValue,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { ParsedArgs } from '@mesh/cli';
import type { OpsCommand, OpsContext } from './context';
import { RedriveTargetError } from './errors';
import { progressBar, untilSignal } from '@mesh/cli';
import { moveDeadLetters } from './messageMoveTask';
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
  /** Move only the messages of this FIFO message group; the others stay in the DLQ. */
  group?: string;
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
  const depth = Number(
    (await queueAttributes(sqs, dlqUrl, ['ApproximateNumberOfMessages'])).ApproximateNumberOfMessages ?? 0,
  );
  // Only what the DLQ held when the redrive began, as SQS's own move task does: a message that fails again at
  // once (a permanent failure is dead-lettered on its first receive) comes back as a new dead letter, which
  // must wait for the next redrive rather than keep this one going.
  const limit = Math.min(options.max ?? Number.POSITIVE_INFINITY, depth);
  const result: RedriveResult = {
    moved: 0,
    total: options.group === undefined ? Math.min(depth, limit) : 0,
    failed: [],
  };
  // Messages of other groups: kept hidden while the loop runs (so it gets past them), released at the end.
  const held: Message[] = [];
  let seen = 0;
  while (seen < limit) {
    let { Messages: batch = [] } = await sqs.send(
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
    if (options.group !== undefined) {
      held.push(...batch.filter((m) => m.Attributes?.MessageGroupId !== options.group));
      batch = batch.filter((m) => m.Attributes?.MessageGroupId === options.group);
      if (batch.length === 0) continue;
    }
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
  for (let i = 0; i < held.length; i += 10) {
    await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: dlqUrl,
        Entries: held
          .slice(i, i + 10)
          .map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: 0 })),
      }),
    );
  }
  return result;
}

export const redriveCommand: OpsCommand = {
  name: 'redrive',
  summary: 'move messages from a DLQ back to their source queue',
  usage: 'redrive <dlq> [--to <queue>] [--rate N] [--group <id>] [--max N]',
  description: `Moves the messages of a dead-letter queue back to the queue they failed on (or --to) with SQS's own
message move task (StartMessageMoveTask, as the AWS console's "Start DLQ redrive"), at most --rate messages a
second if given. Progress comes from ListMessageMoveTasks; Ctrl-C cancels the task (CancelMessageMoveTask) and
waits for it to stop. Offline, the edge serves the same APIs (docs/dead-letters.md).

--group <id> moves one FIFO message group only, and --max N at most N messages: SQS's task can do neither, so
these receive, send (same body and attributes; the original MessageGroupId, a fresh deduplication id) and
delete only what was sent, leaving every other message in the DLQ. The summary says "moved N of M" and exits
1 if any failed.`,
  args: ['dlq'],
  flags: [
    { name: 'to', kind: 'string', value: '<queue>', description: 'the queue to move them to (name or URL)' },
    { name: 'rate', kind: 'count', value: '<N>', description: 'at most N messages a second (1–500)' },
    { name: 'group', kind: 'string', value: '<id>', description: 'move only this FIFO message group' },
    { name: 'max', kind: 'count', value: '<N>', description: 'move at most N messages; all by default' },
  ],
  remote: true,
  async run(ctx, [dlq], flags) {
    const dlqRef = await resolveQueue(ctx.sqs, dlq!, ctx.stage);
    const to = flags.to ? await resolveQueue(ctx.sqs, String(flags.to), ctx.stage) : undefined;
    if (flags.group !== undefined || flags.max !== undefined) {
      return redriveByHand(ctx, dlqRef, to ?? (await findRedriveSource(ctx.sqs, dlqRef.url, ctx.stage)), flags);
    }
    const arnOf = async (q: QueueRef) => (await queueAttributes(ctx.sqs, q.url, ['QueueArn'])).QueueArn!;
    const targetName =
      to?.name ??
      (await findRedriveSource(ctx.sqs, dlqRef.url, ctx.stage).then(
        (q) => q.name,
        () => 'their source queues',
      ));
    if (!ctx.json) ctx.io.err.write(`Moving messages from ${dlqRef.name} to ${targetName} (Ctrl-C cancels)…\n`);
    const progress = progressBar(ctx.io.err, 'moved');
    const watch = untilSignal();
    let outcome;
    try {
      outcome = await moveDeadLetters(ctx.sqs, {
        sourceArn: await arnOf(dlqRef),
        ...(to ? { destinationArn: await arnOf(to) } : {}),
        ...(flags.rate !== undefined ? { maxPerSecond: flags.rate as number } : {}),
        signal: watch.signal,
        onProgress: (moved, toMove) => progress.update(moved, toMove),
      });
    } finally {
      watch.dispose();
      progress.end();
    }
    if (ctx.json) {
      ctx.io.out.write(`${JSON.stringify({ from: dlqRef.name, to: targetName, ...outcome }, null, 2)}\n`);
    } else {
      const why = outcome.failureReason ? `: ${outcome.failureReason}` : '';
      const status =
        outcome.status === 'COMPLETED' ? '' : ` (${outcome.status}${outcome.cancelledByUs ? ' on request' : ''}${why})`;
      ctx.io.out.write(`moved ${outcome.moved} of ${outcome.toMove} from ${dlqRef.name} to ${targetName}${status}\n`);
    }
    return outcome.status === 'COMPLETED' ? 0 : 1;
  },
};

// --group and --max: what SQS's move task cannot do, by receive, send and delete.
async function redriveByHand(ctx: OpsContext, dlqRef: QueueRef, target: QueueRef, flags: ParsedArgs['flags']) {
  const group = flags.group !== undefined ? String(flags.group) : undefined;
  if (!ctx.json) {
    ctx.io.err.write(`Moving ${group ? `group ${group} ` : ''}messages from ${dlqRef.name} to ${target.name}…\n`);
  }
  const progress = progressBar(ctx.io.err, 'moved');
  const result = await redriveMessages(ctx.sqs, {
    dlqUrl: dlqRef.url,
    targetUrl: target.url,
    ...(flags.max ? { max: flags.max as number } : {}),
    ...(group !== undefined ? { group } : {}),
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
}
