import { observe, subscriber } from '@mesh/bus';
import { OrderCancelled, OrderConfirmed, OrderPlaced, PaymentRefunded } from '@mesh/contracts';
import { orderLifecycle } from '../../declarations';
import { notificationsDependencies, type NotificationsDependencies } from '../../dependencies';
import { onOrderCancelled } from './observers/onOrderCancelled';
import { onOrderConfirmed } from './observers/onOrderConfirmed';
import { onOrderPlaced } from './observers/onOrderPlaced';
import { onPaymentRefunded } from './observers/onPaymentRefunded';

/** The order-lifecycle subscriber: one notification per observed fact. */
export function orderLifecycleHandler(deps: NotificationsDependencies) {
  return subscriber({
    name: `notifications-${orderLifecycle.name}`,
    observers: [
      observe(OrderPlaced, onOrderPlaced(deps)),
      observe(OrderConfirmed, onOrderConfirmed(deps)),
      observe(OrderCancelled, onOrderCancelled(deps)),
      observe(PaymentRefunded, onPaymentRefunded(deps)),
    ],
  });
}

export const handler = orderLifecycleHandler(notificationsDependencies());
