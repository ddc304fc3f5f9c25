import type { CommandContract, EventContract } from '@mesh/contracts';
import type { CommandChannel, CommandSending, Declaration, Subscription } from './types';

const KEBAB = /^[a-z][a-z0-9-]*$/;

/**
 * Declares that `service` observes `events` through one queue. The same declaration yields the rule,
 * queue, DLQs, policy, alarms and event source mapping ({@link subscriptionResources}), and the
 * offline wiring.
 *
 * @example
 * export const loanEvents = subscription('reminders', 'loan-events', [BookLent, BookReturned]);
 */
export function subscription(
  service: string,
  name: string,
  events: readonly EventContract[],
  options: Partial<Omit<Subscription, 'kind' | 'service' | 'name' | 'events'>> = {},
): Subscription {
  if (!KEBAB.test(service) || !KEBAB.test(name)) throw new TypeError(`"${service}/${name}" must be kebab-case`);
  if (events.length === 0) throw new TypeError(`Subscription ${service}/${name} observes no event`);
  const visibilityTimeout = options.visibilityTimeout ?? 60;
  return Object.freeze({
    kind: 'subscription',
    service,
    name,
    events: [...new Set(events)],
    batchSize: options.batchSize ?? 10,
    maximumBatchingWindow: options.maximumBatchingWindow ?? 0,
    maxReceiveCount: options.maxReceiveCount ?? 5,
    visibilityTimeout,
    maxAgeSeconds: options.maxAgeSeconds ?? 300,
  });
}

/**
 * Declares the FIFO queue on which `service` takes `commands`, grouped per aggregate.
 *
 * @example
 * export const commands = commandChannel('catalog', 'commands', [ReserveCopy, ReleaseCopy]);
 */
export function commandChannel(
  service: string,
  name: string,
  commands: readonly CommandContract[],
  options: Partial<Omit<CommandChannel, 'kind' | 'service' | 'name' | 'commands'>> = {},
): CommandChannel {
  if (!KEBAB.test(service) || !KEBAB.test(name)) throw new TypeError(`"${service}/${name}" must be kebab-case`);
  const foreign = commands.filter((c) => c.service !== service);
  if (foreign.length > 0) {
    throw new TypeError(`${service} cannot take commands it does not own: ${foreign.map((c) => c.name).join(', ')}`);
  }
  return Object.freeze({
    kind: 'commandChannel',
    service,
    name,
    commands: [...new Set(commands)],
    batchSize: options.batchSize ?? 10,
    maxReceiveCount: options.maxReceiveCount ?? 5,
    visibilityTimeout: options.visibilityTimeout ?? 60,
    maxAgeSeconds: options.maxAgeSeconds ?? 300,
  });
}

/**
 * Declares that `service` sends `commands` (owned by other services): for the event map, and for the
 * permissions the sender needs.
 *
 * @example
 * export const sendsToCatalog = commandSending('loans', [ReserveCopy, ReleaseCopy]);
 */
export function commandSending(service: string, commands: readonly CommandContract[]): CommandSending {
  if (!KEBAB.test(service)) throw new TypeError(`"${service}" must be kebab-case`);
  if (commands.length === 0) throw new TypeError(`${service} declares sending no command`);
  return Object.freeze({ kind: 'commandSending', service, commands: [...new Set(commands)] });
}

/** True for any value a service module exports as a declaration. */
export function isDeclaration(value: unknown): value is Declaration {
  const kind = (value as { kind?: unknown } | null)?.kind;
  return kind === 'subscription' || kind === 'commandChannel' || kind === 'commandSending';
}
