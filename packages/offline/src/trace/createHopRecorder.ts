import type { Hop, HopQuery, HopRecorder } from './types';

/** Hops kept by default: a few hours of a busy developer mesh, a few tens of MB at most. */
export const DEFAULT_HOP_CAPACITY = 50_000;
/** Hops a query answers when it sets no `limit`. */
export const DEFAULT_HOP_LIMIT = 1_000;
/** How long a failure reason logged before its `failed` hop waits for it. */
const PENDING_REASON_TTL_MS = 60_000;
const MAX_PENDING_REASONS = 1_000;

export interface CreateHopRecorderOptions {
  /** Hops kept; the oldest go first. {@link DEFAULT_HOP_CAPACITY} by default. */
  capacity?: number;
  /** The clock of `noteFailureReason`'s bookkeeping; `Date.now` by default. */
  now?: () => number;
}

/** The offline mesh's recorder: a {@link HopRecorder} that also takes failure reasons from the handlers' logs. */
export interface MeshHopRecorder extends HopRecorder {
  readonly capacity: number;
  /**
   * A handler logged why it failed the message `messageId`. The reason goes on that message's latest `failed`
   * hop that has none; if the hop is not recorded yet (logs and invocation answers race), it waits for it.
   */
  noteFailureReason(messageId: string, reason: string): void;
}

const matches = (hop: Hop, query: HopQuery): boolean =>
  (query.correlationId === undefined || hop.correlationId === query.correlationId) &&
  (query.eventId === undefined || hop.eventId === query.eventId) &&
  (query.messageId === undefined || hop.messageId === query.messageId) &&
  (query.kind === undefined || hop.kind === query.kind) &&
  (query.since === undefined || hop.seq > query.since);

/**
 * A bounded in-memory ring of hops, with queries and live listeners. Recording is O(1); a query scans the ring
 * (a full ring of 50,000 in a few milliseconds). A listener that throws is ignored, so a broken console never
 * stops the mesh from recording. Returned hops are the stored objects: treat them as read-only (a late failure reason is
 * set on them in place, so a later lookup shows it).
 *
 * @example
 * const hops = createHopRecorder({ capacity: 10_000 });
 * const stop = hops.subscribe((hop) => console.log(hop.seq, hop.kind, hop.name));
 * hops.record({ at: Date.now(), kind: 'published', name: 'BookLent', correlationId: 'c-1' });
 * hops.query({ correlationId: 'c-1' }); // → [{ seq: 1, kind: 'published', … }]
 * stop();
 */
export function createHopRecorder(options: CreateHopRecorderOptions = {}): MeshHopRecorder {
  const capacity = options.capacity ?? DEFAULT_HOP_CAPACITY;
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new RangeError(`capacity must be a whole number >= 1, got ${capacity}`);
  }
  const now = options.now ?? Date.now;
  const ring: (Hop | undefined)[] = new Array<Hop | undefined>(capacity);
  let seq = 0;
  const listeners = new Set<(hop: Hop) => void>();
  // Reasons logged before their `failed` hop, by message id (insertion order = age).
  const pendingReasons = new Map<string, { reason: string; at: number }>();

  const stored = function* (): Generator<Hop> {
    const first = Math.max(1, seq - capacity + 1);
    for (let s = first; s <= seq; s += 1) yield ring[(s - 1) % capacity]!;
  };

  const takePendingReason = (messageId: string): string | undefined => {
    const pending = pendingReasons.get(messageId);
    if (!pending) return undefined;
    pendingReasons.delete(messageId);
    return now() - pending.at <= PENDING_REASON_TTL_MS ? pending.reason : undefined;
  };

  return {
    capacity,

    record(fields) {
      seq += 1;
      const hop: Hop = { seq, ...fields };
      if (hop.kind === 'failed' && hop.reason === undefined && hop.messageId !== undefined) {
        const reason = takePendingReason(hop.messageId);
        if (reason !== undefined) hop.reason = reason;
      }
      ring[(seq - 1) % capacity] = hop;
      for (const listener of [...listeners]) {
        try {
          listener(hop);
        } catch {
          // A listener's failure is its own; recording goes on.
        }
      }
      return hop;
    },

    query(query = {}) {
      const limit = query.limit ?? DEFAULT_HOP_LIMIT;
      const found: Hop[] = [];
      for (const hop of stored()) if (matches(hop, query)) found.push(hop);
      return limit >= found.length ? found : found.slice(found.length - limit);
    },

    subscribe(listener) {
      // Wrapped, so one function subscribed twice needs two unsubscribes, as with two different listeners.
      const entry = (hop: Hop) => listener(hop);
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },

    noteFailureReason(messageId, reason) {
      const oldest = Math.max(1, seq - capacity + 1);
      for (let s = seq; s >= oldest; s -= 1) {
        const hop = ring[(s - 1) % capacity]!;
        if (hop.messageId !== messageId) continue;
        if (hop.kind === 'failed' && hop.reason === undefined && now() - hop.at <= PENDING_REASON_TTL_MS) {
          hop.reason = reason;
          return;
        }
        // The message's latest hop is not a failure waiting for its reason: the hop is still to come.
        break;
      }
      pendingReasons.delete(messageId);
      pendingReasons.set(messageId, { reason, at: now() });
      while (pendingReasons.size > MAX_PENDING_REASONS) {
        pendingReasons.delete(pendingReasons.keys().next().value!);
      }
    },
  };
}
