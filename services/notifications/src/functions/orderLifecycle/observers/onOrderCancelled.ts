import type { Observer } from '@mesh/bus';
import type { OrderCancelled } from '@mesh/contracts';
import { cancelledNotification } from '../../../domain/notificationFor';
import type { NotificationsDependencies } from '../../../dependencies';

export const onOrderCancelled = (deps: NotificationsDependencies): Observer<typeof OrderCancelled> =>
  async function onOrderCancelled(event) {
    await deps.notifications.record(
      cancelledNotification({ eventId: event.eventId, occurredAt: event.envelope.occurredAt, data: event.data }),
    );
  };
