import { GetQueueAttributesCommand, GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Hop } from '@mesh/offline';
import { pollUntil } from '@mesh/testing';

export interface UntilSettledOptions {
  edgeUrl: string;
  sqs: SQSClient;
  /** The queues a function of the mesh consumes: an event delivered to one is settled once handled there. */
  consumerQueues: readonly string[];
  /**
   * Queues of commands sent without the bus: the mesh records a command's hops only once its consumer received
   * it, so these must also hold nothing (commands are handled in milliseconds and never held back).
   */
  commandQueues?: readonly string[];
  /** 20 s by default. */
  timeoutMs?: number;
}

/** Every hop of one correlation id the edge recorded (`GET /_mesh/hops`), in recording order. */
async function hopsOf(edgeUrl: string, correlationId: string): Promise<Hop[]> {
  const url = new URL('/_mesh/hops', edgeUrl);
  url.searchParams.set('correlationId', correlationId);
  url.searchParams.set('limit', '1000');
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { hops: Hop[] }).hops;
}

/** What is still under way among these hops: each entry names one event or message and where it is. */
export function pendingOf(hops: readonly Hop[], consumerQueues: readonly string[]): string[] {
  const pending: string[] = [];
  const has = (kinds: readonly Hop['kind'][], match: (hop: Hop) => boolean) =>
    hops.some((hop) => kinds.includes(hop.kind) && match(hop));
  for (const hop of hops) {
    if (hop.kind === 'matched' && !has(['delivered', 'dead-lettered', 'dropped'], (h) => same(h, hop, 'rule'))) {
      pending.push(`${hop.name} ${hop.awsEventId} matched ${hop.rule}, not delivered yet`);
    }
    if (
      hop.kind === 'delivered' &&
      hop.queue !== undefined &&
      consumerQueues.includes(hop.queue) &&
      !has(['handled'], (h) => same(h, hop, 'queue'))
    ) {
      pending.push(`${hop.name} ${hop.awsEventId} delivered to ${hop.queue}, not handled yet`);
    }
  }
  // A message received and failed comes back to its queue: only its handling settles it.
  const lastOf = new Map<string, Hop>();
  for (const hop of hops) {
    if (hop.messageId && ['received', 'handled', 'failed'].includes(hop.kind)) lastOf.set(hop.messageId, hop);
  }
  for (const [messageId, hop] of lastOf) {
    if (hop.kind !== 'handled') pending.push(`${hop.name} message ${messageId} ${hop.kind} in ${hop.queue}`);
  }
  return pending;
}

const same = (a: Hop, b: Hop, key: 'rule' | 'queue') => a.awsEventId === b.awsEventId && a[key] === b[key];

async function depthOf(sqs: SQSClient, queueName: string): Promise<number> {
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl,
      AttributeNames: [
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
        'ApproximateNumberOfMessagesDelayed',
      ],
    }),
  );
  return (
    Number(Attributes.ApproximateNumberOfMessages ?? 0) +
    Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0) +
    Number(Attributes.ApproximateNumberOfMessagesDelayed ?? 0)
  );
}

/**
 * Waits until everything the mesh carried for these correlation ids is handled, twice in a row: every event
 * a rule matched was delivered, every delivery to a consumer queue was handled there, and every message
 * received was handled in the end (not left to come back). It looks only at the caller's own ids, so other
 * tests' traffic on the same mesh neither delays nor hides anything.
 *
 * @example
 * await untilSettled([correlationId], { edgeUrl: mesh.edgeUrl, sqs, consumerQueues: ['orders-shared-order-saga'] });
 */
export async function untilSettled(correlationIds: readonly string[], options: UntilSettledOptions): Promise<void> {
  let settledBefore = false;
  let pending: string[] = [];
  await pollUntil(
    `the deliveries of ${correlationIds.join(', ')} to be handled`,
    options.timeoutMs ?? 20_000,
    async () => {
      const hops = (await Promise.all(correlationIds.map((id) => hopsOf(options.edgeUrl, id)))).flat();
      pending = pendingOf(hops, options.consumerQueues);
      for (const queue of options.commandQueues ?? []) {
        const depth = await depthOf(options.sqs, queue);
        if (depth > 0) pending.push(`${depth} command(s) in ${queue}`);
      }
      const settled = pending.length === 0;
      const twice = settled && settledBefore;
      settledBefore = settled;
      return twice ? true : undefined;
    },
    { intervalMs: 250, lastSeen: () => pending },
  );
}
