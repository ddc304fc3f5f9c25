/**
 * One place a contract version is used: who publishes or sends it, who observes or handles it, and through
 * which queue. The contracts do not know their consumers; the declarations do, and hand these to the gate.
 */
export interface ContractUsage {
  /** The contract's name (an event's detail-type, a command's name). */
  readonly contract: string;
  readonly version: number;
  readonly role: 'publisher' | 'subscriber' | 'sender' | 'handler';
  readonly service: string;
  /** The subscription or command channel, e.g. `order-events`. */
  readonly channel?: string;
  readonly queue?: string;
  readonly dlq?: string;
  /** The EventBridge rule pattern that routes the event to a subscriber's queue. */
  readonly pattern?: unknown;
}

/** One line per usage, as the gate and the catalog print it. */
export function describeUsage(usage: ContractUsage): string {
  const where = [
    usage.channel && `${usage.role === 'handler' ? 'channel' : 'subscription'} ${usage.channel}`,
    usage.queue && `queue ${usage.queue}`,
    usage.dlq && `DLQ ${usage.dlq}`,
  ].filter(Boolean);
  return `${usage.role.padEnd(10)} ${usage.service}${where.length > 0 ? ` (${where.join(', ')})` : ''}`;
}
