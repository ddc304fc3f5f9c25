import type { StockLine } from '@mesh/contracts';
import type { Reservation } from './Reservation';

export type ReleasePlan =
  | { kind: 'release'; items: StockLine[] }
  | { kind: 'republish'; items: StockLine[] }
  | { kind: 'ignore'; reason: 'NO_RESERVATION' | 'ALREADY_RELEASED' };

/**
 * Decides what a ReleaseStock does. Only an ACTIVE reservation is released, restoring exactly its lines.
 * A release already done by this very command (a retry after a failed publish) publishes StockReleased
 * again without touching stock; any other release of a released or missing reservation does nothing.
 *
 * @example
 * planRelease(undefined, 'cmd-1'); // { kind: 'ignore', reason: 'NO_RESERVATION' }
 */
export function planRelease(reservation: Reservation | undefined, commandId: string): ReleasePlan {
  if (!reservation) return { kind: 'ignore', reason: 'NO_RESERVATION' };
  if (reservation.status === 'ACTIVE') return { kind: 'release', items: reservation.items };
  if (reservation.releasedBy === commandId) return { kind: 'republish', items: reservation.items };
  return { kind: 'ignore', reason: 'ALREADY_RELEASED' };
}
