import type { DataOf, EventContract, EventEnvelope } from '@mesh/contracts';
import type { InMemoryBus } from '@mesh/bus/testing';

type DeepPartial<T> = T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/**
 * Asserts that the bus published an event of `contract` whose data contains `data` (a deep partial),
 * `times` times (default: at least once), and returns the matching envelopes for further checks.
 *
 * @example
 * const [placed] = expectPublished(bus, BookLent, { memberId: 'mem-1' });
 * expect(placed.correlationId).toBe(correlationId);
 */
export function expectPublished<C extends EventContract>(
  bus: InMemoryBus,
  contract: C,
  data?: DeepPartial<DataOf<C>>,
  options: { times?: number } = {},
): EventEnvelope<DataOf<C>>[] {
  const all = bus.eventsOf(contract);
  const matching = data === undefined ? all : all.filter((e) => contains(e.data, data));
  const wanted = options.times === undefined ? 'at least one' : String(options.times);
  const ok = options.times === undefined ? matching.length > 0 : matching.length === options.times;
  if (!ok) {
    const seen = bus.published.map((p) => `${p.contract.name} ${JSON.stringify(p.envelope.data)}`).join('\n  ');
    throw new Error(
      `Expected ${wanted} ${contract.name} matching ${JSON.stringify(data ?? {})}, found ${matching.length}.\n` +
        `Published:\n  ${seen || '(nothing)'}`,
    );
  }
  return matching;
}

/** Asserts that nothing of `contract` was published. */
export function expectNotPublished(bus: InMemoryBus, contract: EventContract): void {
  const found = bus.eventsOf(contract);
  if (found.length > 0) throw new Error(`Expected no ${contract.name}, found ${found.length}`);
}

function contains(actual: unknown, expected: unknown): boolean {
  if (expected === null || typeof expected !== 'object') return Object.is(actual, expected);
  if (actual === null || typeof actual !== 'object') return false;
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) && expected.length === actual.length && expected.every((e, i) => contains(actual[i], e))
    );
  }
  return Object.entries(expected).every(([key, value]) => contains((actual as Record<string, unknown>)[key], value));
}
