import type { Observer } from '@mesh/bus';
import type { OrderPlaced } from '@mesh/contracts';
import { placedNotification } from '../../../domain/notificationFor';
import type { NotificationsDependencies } from '../../../dependencies';

export const onOrderPlaced = (deps: NotificationsDependencies): Observer<typeof OrderPlaced> =>
  async function onOrderPlaced(event) {
    await deps.notifications.record(
      placedNotification({ eventId: event.eventId, occurredAt: event.envelope.occurredAt, data: event.data }),
    );
  };
