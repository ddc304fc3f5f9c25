import type { Observer } from '@mesh/bus';
import type { OrderPlaced } from '@mesh/contracts';
import { placedNotification } from '../../../domain/notificationFor';
import { recordNotification } from '../../../store/NotificationRecord';

export const onOrderPlaced: Observer<typeof OrderPlaced> = async function onOrderPlaced(event) {
  await recordNotification(
    placedNotification({ eventId: event.eventId, occurredAt: event.envelope.occurredAt, data: event.data }),
  );
};
