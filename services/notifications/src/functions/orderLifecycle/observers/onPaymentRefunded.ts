import type { Observer } from '@mesh/bus';
import type { PaymentRefunded } from '@mesh/contracts';
import { refundedNotification } from '../../../domain/notificationFor';
import type { NotificationsDependencies } from '../../../dependencies';

export const onPaymentRefunded = (deps: NotificationsDependencies): Observer<typeof PaymentRefunded> =>
  async function onPaymentRefunded(event) {
    await deps.notifications.record(
      refundedNotification({ eventId: event.eventId, occurredAt: event.envelope.occurredAt, data: event.data }),
    );
  };
