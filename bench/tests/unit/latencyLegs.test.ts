import { latencyLegs } from '../../src/latencyLegs';
import { createHopRecorder } from '@mesh/offline';

describe('latencyLegs', () => {
  it('takes the median of each leg over the events that went the whole way, after the given hop', () => {
    const hops = createHopRecorder();
    const walk = (eventId: string, at: number, legs: [number, number, number], correlationId = 'bench') => {
      let t = at;
      hops.record({ kind: 'published', at: t, eventId, correlationId });
      hops.record({ kind: 'delivered', at: (t += legs[0]), eventId, correlationId });
      hops.record({ kind: 'received', at: (t += legs[1]), eventId, correlationId });
      hops.record({ kind: 'handled', at: t + legs[2], eventId, correlationId });
    };
    walk('warm-up', 0, [100, 100, 100]);
    const since = hops.query({ limit: 1 })[0]!.seq;
    walk('a', 1000, [2, 1, 9]);
    walk('b', 2000, [4, 1, 7]);
    walk('c', 3000, [3, 2, 8]);
    walk('other', 4000, [50, 50, 50], 'someone-else');
    // Never handled (still in flight): left out rather than counted short.
    hops.record({ kind: 'published', at: 5000, eventId: 'lost', correlationId: 'bench' });

    expect(latencyLegs(hops, 'bench', since)).toEqual({
      events: 3,
      publishedToEnqueuedMs: 3,
      enqueuedToReceivedMs: 1,
      receivedToHandledMs: 8,
      publishedToHandledMs: 12,
    });
  });

  it('times a retried event from its first delivery, receipt and handling', () => {
    const hops = createHopRecorder();
    hops.record({ kind: 'published', at: 0, eventId: 'e', correlationId: 'bench' });
    hops.record({ kind: 'delivered', at: 2, eventId: 'e', correlationId: 'bench' });
    hops.record({ kind: 'received', at: 3, eventId: 'e', correlationId: 'bench' });
    hops.record({ kind: 'failed', at: 5, eventId: 'e', correlationId: 'bench' });
    hops.record({ kind: 'received', at: 2003, eventId: 'e', correlationId: 'bench' });
    hops.record({ kind: 'handled', at: 2010, eventId: 'e', correlationId: 'bench' });

    expect(latencyLegs(hops, 'bench', 0)).toMatchObject({
      events: 1,
      enqueuedToReceivedMs: 1,
      receivedToHandledMs: 2007,
    });
  });

  it('reports no legs when no event went the whole way', () => {
    expect(latencyLegs(createHopRecorder(), 'bench', 0)).toMatchObject({ events: 0, publishedToHandledMs: NaN });
  });
});
