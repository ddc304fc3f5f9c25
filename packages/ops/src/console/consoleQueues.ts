import type { SQSClient } from '@aws-sdk/client-sqs';
import { queueDepths, type QueueDepth } from '../cli/queues';

/** One queue as the console shows it: its depths, and whether it is a dead-letter queue (and whose). */
export interface ConsoleQueue extends QueueDepth {
  /** True for a queue some redrive policy names, or one named `…-dlq` (an EventBridge target's DLQ). */
  isDlq: boolean;
  /** For a DLQ: the queues whose redrive policy names it (where a redrive sends its messages back). */
  sources: string[];
}

const DLQ_NAME = /-dlq(\.fifo)?$/;

/**
 * Every queue of a stage with its depths (the same `GetQueueAttributes` reads as `npm run mesh -- queues`;
 * nothing is received), each DLQ marked with the queues it serves.
 *
 * @example
 * const queues = await consoleQueues(sqs, 'dev');
 * queues.filter((q) => q.isDlq && q.visible > 0); // DLQs holding messages
 */
export async function consoleQueues(sqs: SQSClient, stage: string): Promise<ConsoleQueue[]> {
  const rows = await queueDepths(sqs, stage);
  const sourcesOf = new Map<string, string[]>();
  for (const row of rows) {
    if (row.dlq) sourcesOf.set(row.dlq.name, [...(sourcesOf.get(row.dlq.name) ?? []), row.name]);
  }
  return rows.map((row) => {
    const sources = sourcesOf.get(row.name) ?? [];
    return { ...row, isDlq: sources.length > 0 || DLQ_NAME.test(row.name), sources };
  });
}
