import { planRelease } from '../../src/domain/planRelease';
import type { Reservation } from '../../src/domain/Reservation';

const reservation: Reservation = {
  orderId: 'ord-1',
  status: 'ACTIVE',
  items: [
    { sku: 'SKU-A', quantity: 2 },
    { sku: 'SKU-B', quantity: 1 },
  ],
  reservedBy: 'cmd-reserve',
  reservedAt: '2026-11-25T10:00:00.000Z',
};

describe('planRelease', () => {
  it('releases exactly the lines an ACTIVE reservation holds', () => {
    expect(planRelease(reservation, 'cmd-release')).toEqual({ kind: 'release', items: reservation.items });
  });

  it('does nothing for an order that was never reserved', () => {
    expect(planRelease(undefined, 'cmd-release')).toEqual({ kind: 'ignore', reason: 'NO_RESERVATION' });
  });

  it('does nothing for a second release by another command', () => {
    const released = { ...reservation, status: 'RELEASED' as const, releasedBy: 'cmd-release' };
    expect(planRelease(released, 'cmd-other')).toEqual({ kind: 'ignore', reason: 'ALREADY_RELEASED' });
  });

  it('answers again, without restoring, for the command that already released (a retry)', () => {
    const released = { ...reservation, status: 'RELEASED' as const, releasedBy: 'cmd-release' };
    expect(planRelease(released, 'cmd-release')).toEqual({ kind: 'republish', items: reservation.items });
  });
});
