import type { Observer } from '@mesh/bus';
import type { OrderConfirmed } from '@mesh/contracts';
import { confirmedNotification } from '../../../domain/notificationFor';
import { recordNotification } from '../../../store/NotificationRecord';

export const onOrderConfirmed: Observer<typeof OrderConfirmed> = async function onOrderConfirmed(event) {
  await recordNotification(
    confirmedNotification({ eventId: event.eventId, occurredAt: event.envelope.occurredAt, data: event.data }),
  );
};
