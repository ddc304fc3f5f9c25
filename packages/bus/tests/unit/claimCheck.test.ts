import { defineEvent } from '@mesh/contracts';
import { BookLent } from '../helpers/fixtureContracts';
import { makeEvent, sqsEvent, sqsRecord } from '../../src/testing';
import * as z from 'zod';
import { entrySize, event, EventPublisher, InMemoryClaimCheckStore, observe, subscriber } from '../../src';
import { fakeEventBridge } from '../helpers/fakeClients';

const trace = { correlationId: 'cor-1', causationId: 'req-1' };
const Blob = defineEvent({
  name: 'BlobStored',
  service: 'tests',
  version: 1,
  description: 'An event of any size.',
  schema: z.object({ blob: z.string() }),
  example: { blob: 'x' },
});

describe('claim-check', () => {
  it('stores data over the threshold aside and sends a reference in its place', async () => {
    const store = new InMemoryClaimCheckStore();
    const { client, calls } = fakeEventBridge();
    const publisher = new EventPublisher({ eventBusName: 'b', client, claimCheck: { store, thresholdBytes: 1000 } });
    const big = 'x'.repeat(2 * 1024 * 1024);

    await publisher.publish([
      event(Blob, { blob: 'small' }, trace),
      event(Blob, { blob: big }, trace, { eventId: 'e-big' }),
    ]);

    const [small, large] = calls[0]!;
    expect(JSON.parse(small!.Detail!).data).toEqual({ blob: 'small' });
    const detail = JSON.parse(large!.Detail!);
    expect(detail).not.toHaveProperty('data');
    expect(detail).toMatchObject({ eventId: 'e-big', claimCheck: { bucket: 'memory', key: 'BlobStored/e-big.json' } });
    expect(entrySize(large!)).toBeLessThan(1000);
    expect(JSON.parse(store.objects.get('BlobStored/e-big.json')!)).toEqual({ blob: big });
  });

  it('stores nothing when any event of the batch is invalid', async () => {
    const store = new InMemoryClaimCheckStore();
    const publisher = new EventPublisher({
      eventBusName: 'b',
      client: fakeEventBridge().client,
      claimCheck: { store, thresholdBytes: 10 },
    });
    await expect(
      publisher.publish([
        event(Blob, { blob: 'x'.repeat(100) }, trace),
        event(BookLent, { ...BookLent.example, books: [] }, trace),
      ]),
    ).rejects.toThrow(/violates its contract/);
    expect(store.objects.size).toBe(0);
  });

  it('gives observers the data back, validated, as if it had travelled inline', async () => {
    const store = new InMemoryClaimCheckStore();
    const ref = await store.put('BookLent/e1.json', JSON.stringify(BookLent.example));
    const { detail, ...rest } = makeEvent(BookLent, { eventId: 'e1' });
    const { data: _data, ...envelope } = detail;
    const message = { ...rest, detail: { ...envelope, claimCheck: ref } };
    const seen: unknown[] = [];
    const withStore = subscriber({
      name: 's',
      observers: [observe(BookLent, async (e) => void seen.push(e.data), { name: 'o' })],
      claimCheck: { store },
    });
    const withoutStore = subscriber({ name: 's', observers: [observe(BookLent, async () => {}, { name: 'o' })] });

    expect((await withStore(sqsEvent([sqsRecord(message)]))).batchItemFailures).toEqual([]);
    expect(seen).toEqual([BookLent.example]);
    expect((await withoutStore(sqsEvent([sqsRecord(message, { messageId: 'm' })]))).batchItemFailures).toEqual([
      { itemIdentifier: 'm' },
    ]);
  });
});
