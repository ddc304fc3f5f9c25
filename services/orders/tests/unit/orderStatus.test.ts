import { decideChange, newOrder, type Order } from '../../src/domain/order';
import { ALLOWED_FROM, canMove, type OrderStatus, type StatusChange } from '../../src/domain/orderStatus';

const at = new Date('2026-11-25T10:00:00.000Z');
const statuses: OrderStatus[] = ['PENDING', 'RESERVED', 'CONFIRMED', 'CANCELLED'];

const orderIn = (status: OrderStatus, overrides: Partial<Order> = {}): Order => ({
  ...newOrder({
    orderId: 'ord-1',
    customerId: 'cus-1',
    items: [{ sku: 'SKU-RED-MUG', quantity: 1, unitPrice: { amount: 1250, currency: 'EUR' } }],
    total: { amount: 1250, currency: 'EUR' },
    correlationId: 'cor-1',
    cause: 'req-1',
    at,
  }),
  status,
  ...overrides,
});

describe('the order state machine', () => {
  it.each([
    ['PENDING', 'RESERVED', true],
    ['RESERVED', 'CONFIRMED', true],
    ['PENDING', 'CANCELLED', true],
    ['RESERVED', 'CANCELLED', true],
    // A capture proves the reservation, even when it overtakes the StockReserved.
    ['PENDING', 'CONFIRMED', true],
    ['RESERVED', 'PENDING', false],
    ['CONFIRMED', 'CANCELLED', false],
    ['CONFIRMED', 'RESERVED', false],
    ['CANCELLED', 'RESERVED', false],
    ['CANCELLED', 'CONFIRMED', false],
    ['CANCELLED', 'PENDING', false],
  ] as const)('%s → %s is %s', (from, to, allowed) => {
    expect(canMove(from, to)).toBe(allowed);
  });

  it('has final states CONFIRMED and CANCELLED: nothing leaves them', () => {
    for (const to of statuses) {
      expect(ALLOWED_FROM[to]).not.toContain('CONFIRMED');
      expect(ALLOWED_FROM[to]).not.toContain('CANCELLED');
    }
  });

  it('never moves an order to the status it is in', () => {
    for (const status of statuses) expect(canMove(status, status)).toBe(false);
  });
});

describe('decideChange', () => {
  const reserve: StatusChange = { to: 'RESERVED', cause: 'evt-1', at: new Date('2026-11-25T10:01:00.000Z') };

  it('applies an allowed change, bumping the revision and remembering its cause', () => {
    const decision = decideChange(orderIn('PENDING'), reserve);
    expect(decision).toEqual({
      kind: 'apply',
      next: expect.objectContaining({
        status: 'RESERVED',
        stockReserved: true,
        revision: 2,
        lastCause: 'evt-1',
        updatedAt: '2026-11-25T10:01:00.000Z',
      }),
    });
  });

  it('recognises a redelivered event as already applied', () => {
    expect(decideChange(orderIn('RESERVED', { lastCause: 'evt-1' }), reserve)).toEqual({ kind: 'already-applied' });
  });

  it('refuses a duplicate from another event and any move backwards', () => {
    expect(decideChange(orderIn('RESERVED', { lastCause: 'evt-0' }), reserve)).toMatchObject({ kind: 'refused' });
    expect(decideChange(orderIn('CONFIRMED'), reserve)).toMatchObject({ kind: 'refused' });
    expect(decideChange(orderIn('CANCELLED'), { ...reserve, to: 'CONFIRMED' })).toMatchObject({ kind: 'refused' });
  });

  it('remembers that stock was reserved when a reserved order is cancelled, for its compensation', () => {
    const decision = decideChange(orderIn('RESERVED', { stockReserved: true }), {
      to: 'CANCELLED',
      cancelReason: 'PAYMENT_DECLINED',
      cause: 'evt-2',
      at,
    });
    expect(decision).toMatchObject({ kind: 'apply', next: { stockReserved: true, cancelReason: 'PAYMENT_DECLINED' } });
  });
});
