import type { Hop, HopRecorder } from '@mesh/offline';
import { percentile } from './load';

/**
 * Medians, in ms, of each leg of the latency run's events, from the hops the mesh records (epoch ms, so
 * whole milliseconds): PutEvents accepted → the message enqueued on the subscriber's queue → the poller
 * received it and invoked → the invocation answered (the row is written by then). Neither the publish call
 * before `published` nor the benchmark's row polling after `handled` is in them.
 */
export interface LatencyLegs {
  events: number;
  publishedToEnqueuedMs: number;
  enqueuedToReceivedMs: number;
  receivedToHandledMs: number;
  publishedToHandledMs: number;
}

/** The legs of every event of `correlationId` recorded after hop `since` that went the whole way. */
export function latencyLegs(recorder: HopRecorder, correlationId: string, since: number): LatencyLegs {
  const byEvent = new Map<string, Partial<Record<Hop['kind'], number>>>();
  for (const hop of recorder.query({ correlationId, since, limit: 100_000 })) {
    if (!hop.eventId) continue;
    const times = byEvent.get(hop.eventId) ?? {};
    times[hop.kind] ??= hop.at; // the first of each kind: a retry would come later
    byEvent.set(hop.eventId, times);
  }
  const legs = { enqueued: [] as number[], received: [] as number[], handled: [] as number[], all: [] as number[] };
  for (const t of byEvent.values()) {
    const { published, delivered, received, handled } = t;
    if (published === undefined || delivered === undefined || received === undefined || handled === undefined) {
      continue;
    }
    legs.enqueued.push(delivered - published);
    legs.received.push(received - delivered);
    legs.handled.push(handled - received);
    legs.all.push(handled - published);
  }
  const median = (values: number[]) =>
    values.length === 0
      ? NaN
      : percentile(
          [...values].sort((a, b) => a - b),
          50,
        );
  return {
    events: legs.all.length,
    publishedToEnqueuedMs: median(legs.enqueued),
    enqueuedToReceivedMs: median(legs.received),
    receivedToHandledMs: median(legs.handled),
    publishedToHandledMs: median(legs.all),
  };
}
