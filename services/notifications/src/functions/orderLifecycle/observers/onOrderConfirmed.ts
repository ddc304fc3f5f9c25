import type { Observer } from '@mesh/bus';
import type { OrderConfirmed } from '@mesh/contracts';
import { confirmedNotification } from '../../../domain/notificationFor';
import type { NotificationsDependencies } from '../../../dependencies';

export const onOrderConfirmed = (deps: NotificationsDependencies): Observer<typeof OrderConfirmed> =>
  async function onOrderConfirmed(event) {
    await deps.notifications.record(
      confirmedNotification({ eventId: event.eventId, occurredAt: event.envelope.occurredAt, data: event.data }),
    );
  };
