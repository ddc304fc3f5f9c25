import type { Observer } from '@mesh/bus';
import type { OrderCancelled } from '@mesh/contracts';
import { cancelledNotification } from '../../../domain/notificationFor';
import { recordNotification } from '../../../store/NotificationRecord';

export const onOrderCancelled: Observer<typeof OrderCancelled> = async function onOrderCancelled(event) {
  await recordNotification(
    cancelledNotification({ eventId: event.eventId, occurredAt: event.envelope.occurredAt, data: event.data }),
  );
};
