import { createHopRecorder, type Hop } from '../../../src/trace';

const hop = (fields: Partial<Omit<Hop, 'seq'>> = {}): Omit<Hop, 'seq'> => ({ at: 1_000, kind: 'published', ...fields });

describe('createHopRecorder', () => {
  it('numbers hops from 1 in the order they are recorded', () => {
    const hops = createHopRecorder();
    expect(hops.record(hop({ name: 'A' }))).toEqual({ seq: 1, at: 1_000, kind: 'published', name: 'A' });
    expect(hops.record(hop({ name: 'B' })).seq).toBe(2);
    expect(hops.query().map((h) => h.name)).toEqual(['A', 'B']);
  });

  it('keeps only the latest `capacity` hops, oldest dropped first', () => {
    const hops = createHopRecorder({ capacity: 3 });
    for (let i = 1; i <= 7; i += 1) hops.record(hop({ name: `h${i}` }));
    expect(hops.query().map((h) => [h.seq, h.name])).toEqual([
      [5, 'h5'],
      [6, 'h6'],
      [7, 'h7'],
    ]);
    expect(hops.query({ since: 5 }).map((h) => h.seq)).toEqual([6, 7]);
  });

  it('holds a full default ring of 50,000 and still answers queries fast', () => {
    const hops = createHopRecorder();
    expect(hops.capacity).toBe(50_000);
    for (let i = 0; i < 60_000; i += 1) hops.record(hop({ correlationId: `c-${i % 100}` }));
    const started = performance.now();
    const found = hops.query({ correlationId: 'c-7', limit: 50_000 });
    expect(performance.now() - started).toBeLessThan(100);
    expect(found).toHaveLength(500);
    expect(found[0]!.seq).toBe(10_008);
  });

  it('filters by correlationId, eventId, messageId, kind and since, all at once', () => {
    const hops = createHopRecorder();
    hops.record(hop({ correlationId: 'c-1', eventId: 'e-1', kind: 'published' }));
    hops.record(hop({ correlationId: 'c-1', eventId: 'e-1', kind: 'received', messageId: 'm-1' }));
    hops.record(hop({ correlationId: 'c-1', eventId: 'e-2', kind: 'received', messageId: 'm-2' }));
    hops.record(hop({ correlationId: 'c-2', eventId: 'e-3', kind: 'received', messageId: 'm-3' }));
    hops.record(hop({ correlationId: 'c-1', eventId: 'e-1', kind: 'handled', messageId: 'm-1' }));
    const seqs = (query: Parameters<typeof hops.query>[0]) => hops.query(query).map((h) => h.seq);
    expect(seqs({ correlationId: 'c-1' })).toEqual([1, 2, 3, 5]);
    expect(seqs({ eventId: 'e-1' })).toEqual([1, 2, 5]);
    expect(seqs({ messageId: 'm-1' })).toEqual([2, 5]);
    expect(seqs({ kind: 'received' })).toEqual([2, 3, 4]);
    expect(seqs({ correlationId: 'c-1', kind: 'received', since: 2 })).toEqual([3]);
    expect(seqs({ correlationId: 'nope' })).toEqual([]);
  });

  it('answers the latest `limit` hops, 1,000 by default, in seq order', () => {
    const hops = createHopRecorder();
    for (let i = 0; i < 1_500; i += 1) hops.record(hop());
    expect(hops.query()).toHaveLength(1_000);
    expect(hops.query()[0]!.seq).toBe(501);
    expect(hops.query({ limit: 2 }).map((h) => h.seq)).toEqual([1_499, 1_500]);
  });

  it('tells each listener of every new hop until it unsubscribes', () => {
    const hops = createHopRecorder();
    const seen: number[] = [];
    const alsoSeen: number[] = [];
    const stop = hops.subscribe((h) => seen.push(h.seq));
    hops.subscribe((h) => alsoSeen.push(h.seq));
    hops.record(hop());
    hops.record(hop());
    stop();
    hops.record(hop());
    expect(seen).toEqual([1, 2]);
    expect(alsoSeen).toEqual([1, 2, 3]);
  });

  it('keeps recording when a listener throws', () => {
    const hops = createHopRecorder();
    const seen: number[] = [];
    hops.subscribe(() => {
      throw new Error('broken console');
    });
    hops.subscribe((h) => seen.push(h.seq));
    expect(hops.record(hop()).seq).toBe(1);
    expect(seen).toEqual([1]);
  });

  it('puts a failure reason logged after the failed hop on that hop, seen by later lookups', () => {
    const hops = createHopRecorder();
    hops.record(hop({ kind: 'received', messageId: 'm-1', at: Date.now() }));
    const failed = hops.record(hop({ kind: 'failed', messageId: 'm-1', at: Date.now() }));
    hops.noteFailureReason('m-1', 'ContractViolationError: data.orderId: Required');
    expect(hops.query({ messageId: 'm-1', kind: 'failed' })).toEqual([
      { ...failed, reason: 'ContractViolationError: data.orderId: Required' },
    ]);
  });

  it('keeps a failure reason logged before its failed hop until the hop comes', () => {
    const hops = createHopRecorder();
    hops.record(hop({ kind: 'received', messageId: 'm-1', at: Date.now() }));
    hops.noteFailureReason('m-1', 'Error: boom');
    expect(hops.record(hop({ kind: 'failed', messageId: 'm-1' })).reason).toBe('Error: boom');
    // Used once: the next attempt's failure waits for its own reason.
    hops.record(hop({ kind: 'received', messageId: 'm-1', attempt: 2 }));
    expect(hops.record(hop({ kind: 'failed', messageId: 'm-1' })).reason).toBeUndefined();
  });

  it('never overwrites a reason the poller already knew, nor one of another message', () => {
    const hops = createHopRecorder();
    hops.record(hop({ kind: 'failed', messageId: 'm-1', reason: 'FunctionInvocationError: timeout', at: Date.now() }));
    hops.record(hop({ kind: 'failed', messageId: 'm-2', at: Date.now() }));
    hops.noteFailureReason('m-1', 'Error: later');
    expect(hops.query({ messageId: 'm-1' })[0]!.reason).toBe('FunctionInvocationError: timeout');
    expect(hops.query({ messageId: 'm-2' })[0]!.reason).toBeUndefined();
  });

  it('forgets a pending reason after a minute', () => {
    let now = 0;
    const hops = createHopRecorder({ now: () => now });
    hops.noteFailureReason('m-1', 'Error: stale');
    now = 61_000;
    expect(hops.record(hop({ kind: 'failed', messageId: 'm-1' })).reason).toBeUndefined();
  });

  it('refuses a capacity that is not a whole number >= 1', () => {
    expect(() => createHopRecorder({ capacity: 0 })).toThrow(RangeError);
    expect(() => createHopRecorder({ capacity: 1.5 })).toThrow(RangeError);
  });
});
