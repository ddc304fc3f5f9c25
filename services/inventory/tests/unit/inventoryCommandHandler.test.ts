import { ReleaseStock, ReserveStock, StockRejected, StockReleased, StockReserved } from '@mesh/contracts';
import {
  expectNotPublished,
  expectPublished,
  InMemoryBus,
  InMemoryPersistenceLayer,
  lambdaContext,
  makeCommand,
  sqsEvent,
  sqsRecord,
} from '@mesh/testing';
import type { InventoryDependencies } from '../../src/dependencies';
import { eventIdFor } from '../../src/functions/commands/outcomeEvents';
import { inventoryCommandHandler } from '../../src/functions/commands/inventoryCommandHandler';
import { InMemoryInventoryStore } from '../helpers/InMemoryInventoryStore';

const QUEUE = 'inventory-test-commands.fifo';
const now = new Date('2026-11-25T10:00:00.000Z');

function setup() {
  const bus = new InMemoryBus();
  const store = new InMemoryInventoryStore();
  const persistenceStore = new InMemoryPersistenceLayer();
  const deps: InventoryDependencies = { store, events: bus, now: () => now };
  const handler = inventoryCommandHandler(deps, { persistenceStore });
  const deliver = (...commands: object[]) =>
    handler(sqsEvent(commands.map((c) => sqsRecord(c, { queue: QUEUE }))), lambdaContext('inventory-commands'));
  return { bus, store, deliver };
}

const reserve = (orderId: string, items: { sku: string; quantity: number }[], extra = {}) =>
  makeCommand(ReserveStock, { data: { orderId, items }, correlationId: 'cor-1', ...extra });
const release = (orderId: string, extra = {}) =>
  makeCommand(ReleaseStock, { data: { orderId, reason: 'PAYMENT_DECLINED' }, correlationId: 'cor-1', ...extra });

describe('inventory command handler', () => {
  it('reserves every item and publishes StockReserved carrying the command trace', async () => {
    const { bus, store, deliver } = setup();
    store.seed('SKU-A', 5).seed('SKU-B', 2);
    const command = reserve('ord-1', [
      { sku: 'SKU-A', quantity: 2 },
      { sku: 'SKU-B', quantity: 2 },
    ]);

    const response = await deliver(command);

    expect(response.batchItemFailures).toEqual([]);
    expect(store.stock.get('SKU-A')).toEqual({ sku: 'SKU-A', onHand: 5, reserved: 2, available: 3 });
    expect(store.stock.get('SKU-B')).toEqual({ sku: 'SKU-B', onHand: 2, reserved: 2, available: 0 });
    const [reserved] = expectPublished(bus, StockReserved, { orderId: 'ord-1' }, { times: 1 });
    expect(reserved).toMatchObject({
      correlationId: 'cor-1',
      causationId: command.commandId,
      eventId: eventIdFor(command.commandId, 'StockReserved'),
    });
  });

  it('changes nothing and publishes StockRejected when any item is short', async () => {
    const { bus, store, deliver } = setup();
    store.seed('SKU-A', 5).seed('SKU-B', 1);

    await deliver(
      reserve('ord-1', [
        { sku: 'SKU-A', quantity: 2 },
        { sku: 'SKU-B', quantity: 2 },
      ]),
    );

    expect(store.stock.get('SKU-A')?.reserved).toBe(0);
    expect(store.reservations.size).toBe(0);
    expectPublished(bus, StockRejected, {
      orderId: 'ord-1',
      reason: 'INSUFFICIENT_STOCK',
      unavailable: [{ sku: 'SKU-B', requested: 2, available: 1 }],
    });
    expectNotPublished(bus, StockReserved);
  });

  it('rejects an order naming an unknown SKU', async () => {
    const { bus, deliver } = setup();
    await deliver(reserve('ord-1', [{ sku: 'SKU-NOPE', quantity: 1 }]));
    expectPublished(bus, StockRejected, { reason: 'UNKNOWN_SKU', unavailable: [{ sku: 'SKU-NOPE', available: 0 }] });
  });

  it('plans again when stock moved between its read and its write, and rejects if it ran out', async () => {
    const { bus, store, deliver } = setup();
    store.seed('SKU-A', 1);
    store.beforeReserve = () => {
      store.beforeReserve = undefined;
      store.seed('SKU-A', 1, 1); // another order took the last unit meanwhile
    };

    await deliver(reserve('ord-1', [{ sku: 'SKU-A', quantity: 1 }]));

    expectPublished(bus, StockRejected, { unavailable: [{ sku: 'SKU-A', requested: 1, available: 0 }] });
    expectNotPublished(bus, StockReserved);
  });

  it('has one effect when the same command is delivered twice (beyond the FIFO dedup window)', async () => {
    const { bus, store, deliver } = setup();
    store.seed('SKU-A', 5);
    const command = reserve('ord-1', [{ sku: 'SKU-A', quantity: 2 }]);

    await deliver(command);
    await deliver(command);

    expect(store.stock.get('SKU-A')?.reserved).toBe(2);
    expectPublished(bus, StockReserved, undefined, { times: 1 });
  });

  it('changes and publishes nothing for a second ReserveStock of an already reserved order', async () => {
    const { bus, store, deliver } = setup();
    store.seed('SKU-A', 5);

    await deliver(reserve('ord-1', [{ sku: 'SKU-A', quantity: 2 }]));
    await deliver(reserve('ord-1', [{ sku: 'SKU-A', quantity: 3 }]));

    expect(store.stock.get('SKU-A')?.reserved).toBe(2);
    expectPublished(bus, StockReserved, undefined, { times: 1 });
  });

  it('publishes StockReserved again, with the same eventId, when its first publish failed after the write', async () => {
    const { bus, store, deliver } = setup();
    store.seed('SKU-A', 5);
    const command = reserve('ord-1', [{ sku: 'SKU-A', quantity: 2 }]);
    const publish = bus.publish.bind(bus);
    bus.publish = async () => {
      bus.publish = publish;
      throw new Error('EventBridge unavailable');
    };

    const first = await deliver(command);
    const retry = await deliver(command);

    expect(first.batchItemFailures).toHaveLength(1);
    expect(retry.batchItemFailures).toEqual([]);
    expect(store.stock.get('SKU-A')?.reserved).toBe(2);
    const [reserved] = expectPublished(bus, StockReserved, undefined, { times: 1 });
    expect(reserved!.eventId).toBe(eventIdFor(command.commandId, 'StockReserved'));
  });

  it('releases exactly what was reserved, once, and publishes StockReleased', async () => {
    const { bus, store, deliver } = setup();
    store.seed('SKU-A', 5).seed('SKU-B', 3);
    await deliver(
      reserve('ord-1', [
        { sku: 'SKU-A', quantity: 2 },
        { sku: 'SKU-B', quantity: 3 },
      ]),
    );
    const command = release('ord-1');

    await deliver(command);
    await deliver(release('ord-1'));

    expect(store.stock.get('SKU-A')).toEqual({ sku: 'SKU-A', onHand: 5, reserved: 0, available: 5 });
    expect(store.stock.get('SKU-B')).toEqual({ sku: 'SKU-B', onHand: 3, reserved: 0, available: 3 });
    expect(store.reservations.get('ord-1')).toMatchObject({ status: 'RELEASED', releasedBy: command.commandId });
    const [released] = expectPublished(
      bus,
      StockReleased,
      {
        orderId: 'ord-1',
        items: [
          { sku: 'SKU-A', quantity: 2 },
          { sku: 'SKU-B', quantity: 3 },
        ],
      },
      { times: 1 },
    );
    expect(released).toMatchObject({ correlationId: 'cor-1', causationId: command.commandId });
  });

  it('succeeds and publishes nothing when releasing an order that was never reserved', async () => {
    const { bus, deliver } = setup();
    const response = await deliver(release('ord-unknown'));
    expect(response.batchItemFailures).toEqual([]);
    expect(bus.published).toEqual([]);
  });

  it('keeps FIFO order: a failed command stops the batch and the later one returns to the queue', async () => {
    const { bus, store, deliver } = setup();
    store.seed('SKU-A', 5);
    bus.publish = async () => {
      throw new Error('EventBridge unavailable');
    };
    const response = await deliver(reserve('ord-1', [{ sku: 'SKU-A', quantity: 1 }]), release('ord-1'));
    expect(response.batchItemFailures).toHaveLength(2);
  });
});
