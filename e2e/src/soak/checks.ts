import type { MessageHistory } from '@mesh/offline';
import type { OrderEvent } from './orderEvents';
import type { QueueDepth } from '@mesh/ops';
import type { DlqMessage, StoredOrder, StoredPayment, StoredReservation, StoredStock } from './meshState';
import { allowedEnds, type OrderPlan } from './orderMix';

/** How the soak's client fared with one planned order. */
export interface Placement {
  /** The final HTTP status of `POST /orders` (0: no answer after every retry). */
  status: number;
  orderId?: string;
  attempts: number;
  /** The final status of the customer's cancel, for `cancel` orders. */
  cancelStatus?: number;
}

/** Everything the checks read, gathered once the mesh has settled. */
export interface SoakObservations {
  plan: OrderPlan;
  placements: Placement[];
  orders: StoredOrder[];
  stock: StoredStock[];
  reservations: StoredReservation[];
  payments: StoredPayment[];
  events: (orderId: string) => OrderEvent[];
  queues: QueueDepth[];
  dlqMessages: DlqMessage[];
  historyOf: (messageId: string) => MessageHistory | undefined;
  /** The `eventId`s of the inputs the soak broke on purpose, with what is wrong with each. */
  badInputs: ReadonlyMap<string, string>;
}

export type CheckName =
  | 'every order placed'
  | 'no order lost'
  | 'expected end'
  | 'no double capture'
  | 'stock conserved'
  | 'DLQ explained'
  | 'nothing in flight';

export const CHECKS: readonly CheckName[] = [
  'every order placed',
  'no order lost',
  'expected end',
  'no double capture',
  'stock conserved',
  'DLQ explained',
  'nothing in flight',
];

export interface Violation {
  check: CheckName;
  subject: string;
  detail: string;
}

export interface StockRow {
  sku: string;
  initial: number;
  onHand: number;
  available: number;
  /** Held by CONFIRMED orders: sold (inventory keeps a sale reserved; it has no shipping step). */
  sold: number;
  /** Held by orders that are not CONFIRMED: must be 0. */
  strayReserved: number;
}

export interface DlqRow {
  queue: string;
  messageId: string;
  what: string;
  explained: boolean;
  reason: string;
}

export interface CheckResult {
  violations: Violation[];
  /** Orders by end (`CONFIRMED`, `CANCELLED STOCK_REJECTED`, …, `not terminal: PENDING`). */
  ends: Record<string, number>;
  /** Orders by kind and end. */
  kinds: Record<string, Record<string, number>>;
  ordersInTable: number;
  /** Orders created twice by a retried POST whose first answer was lost. */
  createdTwice: number;
  captures: number;
  refunds: number;
  stock: StockRow[];
  dlq: DlqRow[];
  inFlight: { queue: string; visible: number; inFlight: number; delayed: number }[];
}

const endOf = (order: StoredOrder) =>
  order.status === 'CANCELLED' ? `CANCELLED ${order.cancelReason ?? '(no reason)'}` : order.status;
const distinct = <T>(values: T[]) => [...new Set(values)];

function describeMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as {
      'detail-type'?: string;
      detail?: { eventId?: string; data?: { orderId?: string } };
      name?: string;
      commandId?: string;
      data?: { orderId?: string };
    };
    if (parsed['detail-type']) {
      return `${parsed['detail-type']} ${parsed.detail?.eventId ?? '?'} (order ${parsed.detail?.data?.orderId ?? '?'})`;
    }
    if (parsed.name) return `${parsed.name} ${parsed.commandId ?? '?'} (order ${parsed.data?.orderId ?? '?'})`;
  } catch {
    // not JSON
  }
  return body.slice(0, 80);
}

function eventIdOf(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { detail?: { eventId?: string } }).detail?.eventId;
  } catch {
    return undefined;
  }
}

/**
 * The soak's verdict from what it observed: every rule of the soak as a list of violations (empty = pass),
 * with the figures the report prints. Pure: the same observations give the same verdict.
 */
export function checkSoak(observed: SoakObservations): CheckResult {
  const violations: Violation[] = [];
  const fail = (check: CheckName, subject: string, detail: string) => violations.push({ check, subject, detail });
  const { plan, placements } = observed;

  // The soak's own orders, by the correlation id each request carried.
  const prefix = plan.orders[0]?.correlationId.replace(/-\d+$/, '-') ?? '\u0000';
  const byCorrelation = new Map<string, StoredOrder[]>();
  for (const order of observed.orders) {
    if (!order.correlationId.startsWith(prefix)) continue;
    byCorrelation.set(order.correlationId, [...(byCorrelation.get(order.correlationId) ?? []), order]);
  }
  const ordersById = new Map(observed.orders.map((order) => [order.orderId, order]));

  // No order lost: every order the API took exists and ended (CONFIRMED, or CANCELLED with a reason).
  const ends: Record<string, number> = {};
  const kinds: Record<string, Record<string, number>> = {};
  let createdTwice = 0;
  let ordersInTable = 0;
  for (const planned of plan.orders) {
    const placement = placements[planned.index];
    const stored = byCorrelation.get(planned.correlationId) ?? [];
    ordersInTable += stored.length;
    if (stored.length > 1) createdTwice += stored.length - 1;
    if (placement?.orderId && !stored.some((order) => order.orderId === placement.orderId)) {
      fail('no order lost', placement.orderId, `answered 201 to order #${planned.index + 1} but is not in the table`);
    }
    if (stored.length === 0) {
      fail(
        'every order placed',
        planned.correlationId,
        `order #${planned.index + 1} (${planned.kind}) was never placed: POST answered ${placement?.status ?? 'nothing'} ` +
          `after ${placement?.attempts ?? 0} attempt(s)`,
      );
      continue;
    }
    for (const order of stored) {
      const terminal = order.status === 'CONFIRMED' || (order.status === 'CANCELLED' && !!order.cancelReason);
      const end = terminal ? endOf(order) : `not terminal: ${order.status}`;
      ends[end] = (ends[end] ?? 0) + 1;
      const kindEnds = (kinds[planned.kind] ??= {});
      kindEnds[end] = (kindEnds[end] ?? 0) + 1;
      if (!terminal) {
        fail('no order lost', order.orderId, `order #${planned.index + 1} (${planned.kind}) stayed ${end}`);
        continue;
      }
      const allowed = allowedEnds(planned.kind, placement?.cancelStatus);
      if (!allowed.includes(end)) {
        fail(
          'expected end',
          order.orderId,
          `${planned.kind} order #${planned.index + 1} ended ${end}; expected ${allowed.join(' or ')}` +
            (planned.kind === 'cancel' ? ` (cancel answered ${placement?.cancelStatus ?? 'nothing'})` : ''),
        );
      }
    }
  }

  // No double capture: one capture at most per order, only for a CONFIRMED order (or refunded, once, if cancelled).
  const paymentsByOrder = new Map(observed.payments.map((payment) => [payment.orderId, payment]));
  let captures = 0;
  let refunds = 0;
  for (const stored of byCorrelation.values()) {
    for (const order of stored) {
      const events = observed.events(order.orderId);
      const capturedIds = distinct(events.filter((e) => e.detailType === 'PaymentCaptured').map((e) => e.eventId));
      const paymentIds = distinct(
        events.filter((e) => e.detailType === 'PaymentCaptured').map((e) => e.paymentId ?? '?'),
      );
      const declined = events.some((e) => e.detailType === 'PaymentDeclined');
      const refundIds = distinct(
        events.filter((e) => e.detailType === 'PaymentRefunded').map((e) => e.refundId ?? '?'),
      );
      const payment = paymentsByOrder.get(order.orderId);
      captures += capturedIds.length > 0 ? 1 : 0;
      refunds += refundIds.length > 0 ? 1 : 0;
      if (capturedIds.length > 1 || paymentIds.length > 1) {
        fail(
          'no double capture',
          order.orderId,
          `captured ${capturedIds.length} times (events ${capturedIds.join(', ')}; payments ${paymentIds.join(', ')})`,
        );
      }
      if (capturedIds.length > 0 && declined) fail('no double capture', order.orderId, 'both captured and declined');
      if (refundIds.length > 1) fail('no double capture', order.orderId, `refunded ${refundIds.length} times`);
      const refunded = refundIds.length > 0 || payment?.status === 'REFUNDED';
      if (order.status === 'CONFIRMED') {
        if (payment?.status !== 'CAPTURED' || capturedIds.length === 0) {
          fail(
            'no double capture',
            order.orderId,
            `CONFIRMED without a capture: payment ${payment?.status ?? 'missing'}, ${capturedIds.length} PaymentCaptured`,
          );
        } else if (order.paymentId && payment.paymentId !== order.paymentId) {
          fail('no double capture', order.orderId, `confirmed with ${order.paymentId}, captured ${payment.paymentId}`);
        }
        if (refunded) fail('no double capture', order.orderId, 'CONFIRMED but refunded');
      } else if (order.status === 'CANCELLED') {
        const charged = capturedIds.length > 0 || payment?.status === 'CAPTURED' || payment?.status === 'CAPTURING';
        if (charged && !refunded) {
          fail(
            'no double capture',
            order.orderId,
            `captured for an order CANCELLED ${order.cancelReason ?? ''} and never refunded (payment ${payment?.status ?? 'missing'})`,
          );
        }
      }
    }
  }

  // Stock conserved: nothing created or lost; exactly the CONFIRMED orders hold stock.
  const statusOf = (orderId: string) => ordersById.get(orderId)?.status;
  const sold = new Map<string, number>();
  const stray = new Map<string, number>();
  for (const reservation of observed.reservations) {
    if (reservation.status !== 'ACTIVE') continue;
    const confirmed = statusOf(reservation.orderId) === 'CONFIRMED';
    for (const { sku, quantity } of reservation.items) {
      const into = confirmed ? sold : stray;
      into.set(sku, (into.get(sku) ?? 0) + quantity);
    }
    if (!confirmed) {
      fail(
        'stock conserved',
        reservation.orderId,
        `still holds ${reservation.items.map((i) => `${i.quantity} ${i.sku}`).join(', ')} but is ${statusOf(reservation.orderId) ?? 'unknown'}`,
      );
    }
  }
  const activeFor = new Set(observed.reservations.filter((r) => r.status === 'ACTIVE').map((r) => r.orderId));
  for (const stored of byCorrelation.values()) {
    for (const order of stored) {
      if (order.status === 'CONFIRMED' && !activeFor.has(order.orderId)) {
        fail('stock conserved', order.orderId, 'CONFIRMED but holds no stock reservation');
      }
    }
  }
  const stockRows: StockRow[] = Object.entries(plan.stock).map(([sku, initial]) => {
    const level = observed.stock.find((s) => s.sku === sku);
    const row: StockRow = {
      sku,
      initial,
      onHand: level?.onHand ?? Number.NaN,
      available: level?.available ?? Number.NaN,
      sold: sold.get(sku) ?? 0,
      strayReserved: stray.get(sku) ?? 0,
    };
    if (!level) {
      fail('stock conserved', sku, 'no stock record');
      return row;
    }
    if (level.onHand !== initial) fail('stock conserved', sku, `on hand ${level.onHand}, stocked ${initial}`);
    if (level.reserved !== row.sold + row.strayReserved) {
      fail(
        'stock conserved',
        sku,
        `reserved ${level.reserved}, but active reservations hold ${row.sold + row.strayReserved}`,
      );
    }
    if (level.available < 0 || level.available + level.reserved !== level.onHand) {
      fail(
        'stock conserved',
        sku,
        `available ${level.available} + reserved ${level.reserved} ≠ on hand ${level.onHand} (or negative)`,
      );
    }
    if (initial !== level.available + row.sold + row.strayReserved) {
      fail(
        'stock conserved',
        sku,
        `initial ${initial} ≠ available ${level.available} + sold ${row.sold} + other reserved ${row.strayReserved}`,
      );
    }
    return row;
  });

  // Every DLQ message explained: by the faults injected into its deliveries, or by a deliberately bad input.
  const dlq: DlqRow[] = observed.dlqMessages.map((message) => {
    const what = describeMessage(message.body);
    const eventId = eventIdOf(message.body);
    const bad = eventId ? observed.badInputs.get(eventId) : undefined;
    const history = observed.historyOf(message.messageId);
    const failures = history?.deliveries.filter((d) => d.outcome === 'failed') ?? [];
    const injected = failures.filter((d) => d.injected);
    const counts = new Map<string, number>();
    for (const d of injected) counts.set(d.fault ?? '?', (counts.get(d.fault ?? '?') ?? 0) + 1);
    const faultText = [...counts].map(([fault, count]) => `${count} ${fault}`).join(', ');
    let reason: string;
    let explained = false;
    if (bad) {
      explained = true;
      reason = `deliberately bad input: ${bad}`;
    } else if (message.errorCode) {
      reason = `EventBridge could not deliver it: ${message.errorCode} ${message.errorMessage ?? ''}`.trim();
    } else if (failures.length > 0 && injected.length === failures.length) {
      explained = true;
      reason = `every failed delivery was injected (${faultText})`;
    } else if (failures.length === 0) {
      reason = 'no failed delivery of it was seen by the pollers';
    } else {
      const own = failures.filter((d) => !d.injected).map((d) => `#${d.receiveCount}: ${d.reason ?? '?'}`);
      reason = `failed by the function itself (${own.join('; ')})${faultText ? `, besides ${faultText}` : ''}`;
    }
    if (!explained) fail('DLQ explained', `${message.queue} ${message.messageId}`, `${what}: ${reason}`);
    return { queue: message.queue, messageId: message.messageId, what, explained, reason };
  });

  // Nothing left in flight: every queue but the DLQs is empty (visible, in flight and delayed).
  const inFlight = observed.queues
    .filter((q) => !q.isDeadLetter && q.visible + q.inFlight + q.delayed > 0)
    .map(({ name, visible, inFlight: notVisible, delayed }) => ({
      queue: name,
      visible,
      inFlight: notVisible,
      delayed,
    }));
  for (const q of inFlight) {
    fail('nothing in flight', q.queue, `${q.visible} visible, ${q.inFlight} in flight, ${q.delayed} delayed`);
  }

  return {
    violations,
    ends,
    kinds,
    ordersInTable,
    createdTwice,
    captures,
    refunds,
    stock: stockRows,
    dlq,
    inFlight,
  };
}
