import type { Observer } from '@mesh/bus';
import type { PaymentRefunded } from '@mesh/contracts';
import { refundedNotification } from '../../../domain/notificationFor';
import { recordNotification } from '../../../store/NotificationRecord';

export const onPaymentRefunded: Observer<typeof PaymentRefunded> = async function onPaymentRefunded(event) {
  await recordNotification(
    refundedNotification({ eventId: event.eventId, occurredAt: event.envelope.occurredAt, data: event.data }),
  );
};
