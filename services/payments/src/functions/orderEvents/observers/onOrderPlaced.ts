import type { Observer } from '@mesh/bus';
import type { OrderPlaced } from '@mesh/contracts';
import { pendingPayment } from '../../../domain/Payment';
import type { PaymentsDependencies } from '../../../dependencies';

/**
 * Remembers what the order will cost and who pays, as a PENDING payment. A payment that already exists
 * (a duplicate OrderPlaced, or one arriving after the capture) is left as it is: never moved back.
 */
export function onOrderPlaced({ payments }: Pick<PaymentsDependencies, 'payments'>): Observer<typeof OrderPlaced> {
  return async function onOrderPlaced(event, { logger }) {
    const created = await payments.create(pendingPayment(event.data, event.envelope.occurredAt));
    if (!created) logger.info('payment already known; left as it is', { orderId: event.data.orderId });
  };
}
