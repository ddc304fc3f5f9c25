import type { SQSClient } from '@aws-sdk/client-sqs';
import type { OpsCommand } from './context';
import { formatTable } from '@mesh/cli';
import { isDeadLetterQueueName } from '@mesh/infra';
import { listStageQueues, queueAttributes, queueNameOfArn, redrivePolicyOf } from './queueLookup';

export interface QueueDepth {
  name: string;
  url: string;
  visible: number;
  inFlight: number;
  delayed: number;
  /** Whether it is a dead-letter queue: named by another queue's redrive policy, or named as the mesh names DLQs. */
  isDeadLetter: boolean;
  /** The dead-letter queue of its redrive policy, with its depth (visible messages). */
  dlq?: { name: string; depth: number | null };
  /**
   * Age in seconds of the oldest message, only where the endpoint reports `ApproximateAgeOfOldestMessage`
   * as a queue attribute. AWS does not (it is a CloudWatch metric), and a receive to read `SentTimestamp`
   * would change the message's receive count, so `null` ("n/a") is the honest answer elsewhere.
   */
  oldestAgeSeconds: number | null;
}

const count = (value: string | undefined): number => Number(value ?? 0);

/**
 * The depths of every queue of a stage (ListQueues filtered by `-<stage>-`), with each one's DLQ depth.
 * Reads attributes only: nothing is received.
 *
 * @example
 * const rows = await queueDepths(sqs, 'dev');
 */
export async function queueDepths(sqs: SQSClient, stage: string): Promise<QueueDepth[]> {
  const queues = await listStageQueues(sqs, stage);
  const attributes = await Promise.all(queues.map((queue) => queueAttributes(sqs, queue.url)));
  const visibleByName = new Map(
    queues.map((queue, i) => [queue.name, count(attributes[i]!.ApproximateNumberOfMessages)]),
  );
  const dlqNames = queues.map((_, i) => {
    const policy = redrivePolicyOf(attributes[i]!);
    return policy ? queueNameOfArn(policy.deadLetterTargetArn) : undefined;
  });
  return queues.map((queue, i) => {
    const attrs = attributes[i]!;
    const dlqName = dlqNames[i];
    const age = attrs.ApproximateAgeOfOldestMessage;
    return {
      name: queue.name,
      url: queue.url,
      visible: count(attrs.ApproximateNumberOfMessages),
      inFlight: count(attrs.ApproximateNumberOfMessagesNotVisible),
      delayed: count(attrs.ApproximateNumberOfMessagesDelayed),
      isDeadLetter: dlqNames.includes(queue.name) || isDeadLetterQueueName(queue.name),
      ...(dlqName ? { dlq: { name: dlqName, depth: visibleByName.get(dlqName) ?? null } } : {}),
      oldestAgeSeconds: age === undefined ? null : Number(age),
    };
  });
}

/** The `queues` table: one line per queue, numbers right-aligned. */
export function formatQueueDepths(rows: readonly QueueDepth[]): string {
  if (rows.length === 0) return '(no queues)';
  return formatTable(
    ['queue', 'visible', 'in flight', 'delayed', 'dlq depth', 'oldest'],
    rows.map((row) => [
      row.name,
      String(row.visible),
      String(row.inFlight),
      String(row.delayed),
      row.dlq ? String(row.dlq.depth ?? '?') : '-',
      row.oldestAgeSeconds === null ? 'n/a' : `${row.oldestAgeSeconds} s`,
    ]),
    { alignRight: [1, 2, 3, 4, 5] },
  );
}

export const queuesCommand: OpsCommand = {
  name: 'queues',
  summary: 'every queue of the stage: visible, in flight, delayed, DLQ depth',
  usage: 'queues',
  description: `Lists every queue named <service>-<stage>-… with its approximate depths (GetQueueAttributes: nothing is
received). "dlq depth" is the visible count of the queue named by its RedrivePolicy. "oldest" is the age of
the oldest message only where the endpoint reports ApproximateAgeOfOldestMessage as a queue attribute; SQS
does not (it is a CloudWatch metric) and reading SentTimestamp would need a receive, so it shows n/a.`,
  args: [],
  flags: [],
  remote: true,
  async run(ctx) {
    const rows = await queueDepths(ctx.sqs, ctx.stage);
    ctx.io.out.write(ctx.json ? `${JSON.stringify(rows, null, 2)}\n` : `${formatQueueDepths(rows)}\n`);
    return 0;
  },
};
