import type { SQSClient } from '@aws-sdk/client-sqs';
import { formatTable } from '@mesh/cli';
import { isDeadLetterQueueName } from '@mesh/infra';
import type { OpsCommand } from './context';
import { peekMessages, type PeekedMessage } from './peek';
import { listStageQueues, resolveQueue, type QueueRef } from './queueLookup';

/** Dead letters of one queue that failed for the same reason. */
export interface DeadLetterGroup {
  queue: string;
  /** `permanent`, `retries-exhausted`, `delivery` (EventBridge could not deliver) or `unknown`. */
  kind: string;
  reason: string;
  count: number;
  /** ISO 8601: when the first and last of them failed (or were sent, when no failure time is recorded). */
  oldest?: string;
  newest?: string;
  /** Up to three of their event, command or message ids. */
  samples: string[];
}

/** What a dead letter without the bus's attributes or EventBridge's says about itself. */
export const NO_REASON = "(no reason recorded: SQS moved it; see the function's logs)";
const SAMPLES = 3;

/**
 * Groups dead letters by queue, kind and reason: the bus's `mesh.*` attributes, else EventBridge's delivery
 * attributes, else {@link NO_REASON}. Largest groups first.
 *
 * @example
 * summariseDeadLetters('reminders-dev-loan-events-dlq', await peekMessages(sqs, dlqUrl, { max: 100 }));
 */
export function summariseDeadLetters(queue: string, messages: readonly PeekedMessage[]): DeadLetterGroup[] {
  const groups = new Map<string, DeadLetterGroup>();
  for (const message of messages) {
    const { kind, reason } = reasonOf(message);
    const key = `${kind}\n${reason}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { queue, kind, reason, count: 0, samples: [] }));
    group.count += 1;
    const at = message.deadLetter?.failedAt ?? message.sentAt;
    if (at && (!group.oldest || at < group.oldest)) group.oldest = at;
    if (at && (!group.newest || at > group.newest)) group.newest = at;
    if (group.samples.length < SAMPLES) group.samples.push(message.summary?.id ?? message.messageId);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

function reasonOf(message: PeekedMessage): { kind: string; reason: string } {
  if (message.deadLetter?.reason)
    return { kind: message.deadLetter.kind ?? 'unknown', reason: message.deadLetter.reason };
  if (message.failure?.ERROR_CODE) {
    const reason = [message.failure.ERROR_CODE, message.failure.ERROR_MESSAGE].filter(Boolean).join(': ');
    return { kind: 'delivery', reason };
  }
  return { kind: 'unknown', reason: NO_REASON };
}

/**
 * The dead-letter summary of one DLQ, or of every DLQ of the stage: up to `max` messages of each, left in
 * place (DLQs have no redrive policy, so a peek moves nothing).
 */
export async function deadLetterSummary(
  sqs: SQSClient,
  queues: readonly QueueRef[],
  max: number,
): Promise<DeadLetterGroup[]> {
  const summaries = await Promise.all(
    queues.map(async (q) => summariseDeadLetters(q.name, await peekMessages(sqs, q.url, { max, holdSeconds: 30 }))),
  );
  return summaries.flat();
}

/** The `dlq` table: one line per queue and reason. */
export function formatDeadLetterSummary(groups: readonly DeadLetterGroup[]): string {
  if (groups.length === 0) return 'no dead letters';
  return formatTable(
    ['queue', 'count', 'kind', 'oldest', 'newest', 'samples', 'reason'],
    groups.map((g) => [
      g.queue,
      String(g.count),
      g.kind,
      g.oldest ?? '?',
      g.newest ?? '?',
      g.samples.join(' '),
      g.reason.length > 120 ? `${g.reason.slice(0, 119)}…` : g.reason,
    ]),
    { alignRight: [1] },
  );
}

export const dlqCommand: OpsCommand = {
  name: 'dlq',
  summary: 'dead letters by reason: count, oldest, newest, sample ids',
  usage: 'dlq [queue] [--max N]',
  description: `Summarises the dead letters of one DLQ (by name or URL), or of every DLQ of the stage, by why they
failed: the reason the bus wrote on each (mesh.failureKind, mesh.reason: docs/dead-letters.md), else
EventBridge's delivery error (ERROR_CODE: ERROR_MESSAGE), else "no reason recorded" (SQS moved it itself: the
function's logs say why). Reads up to --max messages of each DLQ (100 by default) and leaves them in place.
Move them back with: npm run mesh -- redrive <dlq>.`,
  args: [],
  optionalArgs: ['queue'],
  flags: [
    { name: 'max', kind: 'count', value: '<N>', description: 'read at most N messages of each DLQ, 100 by default' },
  ],
  remote: true,
  async run(ctx, positionals, flags) {
    const [queue] = positionals;
    const queues = queue
      ? [await resolveQueue(ctx.sqs, queue, ctx.stage)]
      : (await listStageQueues(ctx.sqs, ctx.stage)).filter((q) => isDeadLetterQueueName(q.name));
    const groups = await deadLetterSummary(ctx.sqs, queues, (flags.max as number | undefined) ?? 100);
    ctx.io.out.write(ctx.json ? `${JSON.stringify(groups, null, 2)}\n` : `${formatDeadLetterSummary(groups)}\n`);
    return 0;
  },
};
