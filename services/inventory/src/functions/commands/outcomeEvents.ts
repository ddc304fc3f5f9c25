import { createHash } from 'node:crypto';
import { event, type OutgoingEvent, type Trace } from '@mesh/bus';
import { StockRejected, StockReleased, StockReserved, type StockLine } from '@mesh/contracts';
import type { ReservationPlan } from '../../domain/planReservation';

/**
 * The eventId of what a command caused, derived from the command's id: when a retried command publishes
 * its outcome again (its first publish failed after the write), consumers see the same eventId and drop
 * the duplicate.
 */
export function eventIdFor(commandId: string, eventName: string): string {
  return createHash('sha256').update(`${commandId}/${eventName}`).digest('hex').slice(0, 32);
}

const withId = (trace: Trace, name: string) => ({ eventId: eventIdFor(trace.causationId, name) });

export const stockReserved = (orderId: string, items: StockLine[], trace: Trace): OutgoingEvent =>
  event(StockReserved, { orderId, items }, trace, withId(trace, StockReserved.name));

export const stockRejected = (
  orderId: string,
  plan: Extract<ReservationPlan, { kind: 'reject' }>,
  trace: Trace,
): OutgoingEvent =>
  event(
    StockRejected,
    { orderId, reason: plan.reason, unavailable: plan.unavailable },
    trace,
    withId(trace, StockRejected.name),
  );

export const stockReleased = (orderId: string, items: StockLine[], trace: Trace): OutgoingEvent =>
  event(StockReleased, { orderId, items }, trace, withId(trace, StockReleased.name));
