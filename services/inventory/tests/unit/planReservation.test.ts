import { planReservation, whenAlreadyReserved } from '../../src/domain/planReservation';
import type { Reservation } from '../../src/domain/Reservation';
import type { StockLevel } from '../../src/domain/StockLevel';

const level = (sku: string, onHand: number, reserved = 0): StockLevel => ({
  sku,
  onHand,
  reserved,
  available: onHand - reserved,
});

describe('planReservation', () => {
  it('reserves every line when each is covered by available stock', () => {
    const plan = planReservation(
      [level('SKU-A', 5), level('SKU-B', 2)],
      [
        { sku: 'SKU-A', quantity: 5 },
        { sku: 'SKU-B', quantity: 1 },
      ],
    );
    expect(plan).toEqual({
      kind: 'reserve',
      lines: [
        { sku: 'SKU-A', quantity: 5 },
        { sku: 'SKU-B', quantity: 1 },
      ],
    });
  });

  it('rejects the whole order when one line is short, listing only the short line', () => {
    const plan = planReservation(
      [level('SKU-A', 5), level('SKU-B', 2)],
      [
        { sku: 'SKU-A', quantity: 1 },
        { sku: 'SKU-B', quantity: 3 },
      ],
    );
    expect(plan).toEqual({
      kind: 'reject',
      reason: 'INSUFFICIENT_STOCK',
      unavailable: [{ sku: 'SKU-B', requested: 3, available: 2 }],
    });
  });

  it('counts what is already reserved: available is on hand minus reserved', () => {
    const plan = planReservation([level('SKU-A', 10, 9)], [{ sku: 'SKU-A', quantity: 2 }]);
    expect(plan).toMatchObject({ kind: 'reject', unavailable: [{ sku: 'SKU-A', requested: 2, available: 1 }] });
  });

  it('rejects an unknown SKU as unavailable with nothing available', () => {
    const plan = planReservation(
      [level('SKU-A', 5)],
      [
        { sku: 'SKU-A', quantity: 1 },
        { sku: 'SKU-GHOST', quantity: 1 },
      ],
    );
    expect(plan).toEqual({
      kind: 'reject',
      reason: 'UNKNOWN_SKU',
      unavailable: [{ sku: 'SKU-GHOST', requested: 1, available: 0 }],
    });
  });

  it('sums the lines of a SKU listed twice, so two small lines cannot together oversell', () => {
    const items = [
      { sku: 'SKU-A', quantity: 2 },
      { sku: 'SKU-A', quantity: 2 },
    ];
    expect(planReservation([level('SKU-A', 3)], items)).toMatchObject({
      kind: 'reject',
      unavailable: [{ sku: 'SKU-A', requested: 4, available: 3 }],
    });
    expect(planReservation([level('SKU-A', 4)], items)).toEqual({
      kind: 'reserve',
      lines: [{ sku: 'SKU-A', quantity: 4 }],
    });
  });

  it('reserves exactly the last unit: stock may reach zero, never below', () => {
    expect(planReservation([level('SKU-A', 1)], [{ sku: 'SKU-A', quantity: 1 }]).kind).toBe('reserve');
    expect(planReservation([level('SKU-A', 1, 1)], [{ sku: 'SKU-A', quantity: 1 }]).kind).toBe('reject');
  });
});

describe('whenAlreadyReserved', () => {
  const active: Reservation = {
    orderId: 'ord-1',
    status: 'ACTIVE',
    items: [{ sku: 'SKU-A', quantity: 1 }],
    reservedBy: 'cmd-1',
    reservedAt: '2026-11-25T10:00:00.000Z',
  };

  it('answers again for the command that made the reservation (a retry after a failed publish)', () => {
    expect(whenAlreadyReserved(active, 'cmd-1')).toBe('republish');
  });

  it('does nothing for a second ReserveStock of the same order', () => {
    expect(whenAlreadyReserved(active, 'cmd-2')).toBe('ignore');
  });

  it('does nothing once the reservation was released, even for its own command', () => {
    expect(whenAlreadyReserved({ ...active, status: 'RELEASED', releasedBy: 'cmd-9' }, 'cmd-1')).toBe('ignore');
  });
});
