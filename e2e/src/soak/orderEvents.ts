import type { TappedEvent } from '../harness';

/** One event the soak saw on the bus, reduced to what its checks read. */
export interface OrderEvent {
  detailType: string;
  eventId: string;
  orderId: string;
  /** `paymentId` of PaymentCaptured / OrderConfirmed / PaymentRefunded, `refundId` of PaymentRefunded. */
  paymentId?: string;
  refundId?: string;
  reason?: string;
}

/** What the tap listens to: the orders' ends, and every payment outcome. */
export const ORDER_EVENT_PATTERNS = [
  { source: ['mesh.orders'], 'detail-type': ['OrderConfirmed', 'OrderCancelled'] },
  { source: ['mesh.payments'] },
];

/**
 * What the soak keeps of the events its bus tap receives (see `BusTap`, `keep: false`): every payment outcome
 * per order, and the orders that reached their end while it runs, so the checks can count captures and refunds.
 *
 * @example
 * const log = new OrderEventLog();
 * await BusTap.start({ ...clients, patterns: ORDER_EVENT_PATTERNS, keep: false, onEvent: (e) => log.add(e) });
 */
export class OrderEventLog {
  /** Events by orderId. */
  readonly byOrder = new Map<string, OrderEvent[]>();
  /** Orders with an OrderConfirmed or OrderCancelled seen. */
  readonly ended = new Set<string>();

  of(orderId: string): OrderEvent[] {
    return this.byOrder.get(orderId) ?? [];
  }

  add(event: TappedEvent): void {
    const data = event.detail?.data ?? {};
    const orderId = typeof data.orderId === 'string' ? data.orderId : '';
    const kept: OrderEvent = {
      detailType: event.detailType,
      eventId: String(event.detail?.eventId),
      orderId,
      ...(typeof data.paymentId === 'string' ? { paymentId: data.paymentId } : {}),
      ...(typeof data.refundId === 'string' ? { refundId: data.refundId } : {}),
      ...(typeof data.reason === 'string' ? { reason: data.reason } : {}),
    };
    const list = this.byOrder.get(orderId) ?? [];
    list.push(kept);
    this.byOrder.set(orderId, list);
    if (kept.detailType === 'OrderConfirmed' || kept.detailType === 'OrderCancelled') this.ended.add(orderId);
  }
}
