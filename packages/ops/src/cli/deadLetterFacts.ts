import { DEAD_LETTER_ATTRIBUTES } from '@mesh/bus';

/** Why and where a consumer of the mesh dead-lettered a message: its `mesh.*` attributes (docs/dead-letters.md). */
export interface DeadLetterFacts {
  kind?: string;
  reason?: string;
  consumer?: string;
  observer?: string;
  sourceQueue?: string;
  failedAt?: string;
  receiveCount?: number;
}

/**
 * The dead-letter facts among a message's attributes (string values by name), or undefined when the bus did
 * not move it (SQS's own redrive, or a message that never failed).
 *
 * @example
 * deadLetterFactsOf({ 'mesh.failureKind': 'permanent', 'mesh.reason': 'ContractViolationError: …' });
 */
export function deadLetterFactsOf(attributes: Record<string, string>): DeadLetterFacts | undefined {
  const a = DEAD_LETTER_ATTRIBUTES;
  if (attributes[a.failureKind] === undefined && attributes[a.reason] === undefined) return undefined;
  const count = Number(attributes[a.receiveCount]);
  const facts: DeadLetterFacts = {
    kind: attributes[a.failureKind],
    reason: attributes[a.reason],
    consumer: attributes[a.consumer],
    observer: attributes[a.observer],
    sourceQueue: attributes[a.sourceQueue],
    failedAt: attributes[a.failedAt],
    ...(Number.isInteger(count) ? { receiveCount: count } : {}),
  };
  return Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined)) as DeadLetterFacts;
}

/**
 * One line saying why: `permanent by reminders-loan-events/onBookLent on receive 1 at …: <reason>`.
 *
 * @example
 * describeDeadLetter(facts); // 'retries-exhausted by catalog-commands on receive 5 at 2026-12-07T10:00:00.000Z: Error: …'
 */
export function describeDeadLetter(facts: DeadLetterFacts): string {
  const who = [facts.consumer, facts.observer].filter(Boolean).join('/');
  return (
    [
      facts.kind ?? 'failed',
      ...(who ? [`by ${who}`] : []),
      ...(facts.receiveCount !== undefined ? [`on receive ${facts.receiveCount}`] : []),
      ...(facts.failedAt ? [`at ${facts.failedAt}`] : []),
    ].join(' ') + (facts.reason ? `: ${facts.reason}` : '')
  );
}
