import { parseData, parseEventDetail } from './parse';
import type { DataOf, EventContract, EventEnvelope } from './types';

/** An event's detail as an observer of one version receives it, and the version it was published as. */
export interface LiftedDetail<Data> {
  readonly envelope: EventEnvelope<Data>;
  /** Set when the event was published as an earlier version and lifted into this one. */
  readonly upcastFrom?: number;
}

/**
 * The versions whose events a contract's observers receive: its own, then each one its upcasters reach back to.
 *
 * @example
 * acceptedVersions(ParcelShippedV3); // [3, 2, 1] when v3 upcasts v2 and v2 upcasts v1
 */
export function acceptedVersions(contract: EventContract): number[] {
  const versions: number[] = [];
  for (let c: EventContract | undefined = contract; c; c = c.upcast?.from) versions.push(c.version);
  return versions;
}

/**
 * Validates an event's detail for an observer of `contract`: a detail of this version as `parseEventDetail`
 * does; one of an earlier version against that version's contract, then lifted through each upcaster and
 * checked against this one. The envelope's ids stay as published (idempotency keys on them); its version
 * becomes this contract's, as its data now is.
 *
 * @example
 * const { envelope, upcastFrom } = liftEventDetail(ParcelShippedV2, detail); // upcastFrom === 1 for a v1 event
 */
export function liftEventDetail<C extends EventContract>(contract: C, detail: unknown): LiftedDetail<DataOf<C>> {
  const version = (detail as { version?: unknown } | null)?.version;
  const chain: EventContract[] = [];
  for (let c: EventContract | undefined = contract; c && c.version !== version; c = c.upcast?.from) chain.push(c);
  const published = chain.at(-1)?.upcast?.from;
  // Not a version this contract reaches: let the contract itself say why the detail does not fit.
  if (version === contract.version || !published) return { envelope: parseEventDetail(contract, detail) };
  const envelope = parseEventDetail(published, detail);
  let data: unknown = envelope.data;
  for (const step of chain.reverse()) data = step.upcast!.lift(data);
  return {
    envelope: { ...envelope, version: contract.version, data: parseData(contract, data) },
    upcastFrom: published.version,
  };
}
