import { observe, subscriber } from '@mesh/bus';
import { OrderCancelled, OrderConfirmed, OrderPlaced, PaymentRefunded } from '@mesh/contracts';
import { orderLifecycle } from '../../subscriptions';
import { onOrderCancelled } from './observers/onOrderCancelled';
import { onOrderConfirmed } from './observers/onOrderConfirmed';
import { onOrderPlaced } from './observers/onOrderPlaced';
import { onPaymentRefunded } from './observers/onPaymentRefunded';

export const handler = subscriber({
  name: `notifications-${orderLifecycle.name}`,
  observers: [
    observe(OrderPlaced, onOrderPlaced),
    observe(OrderConfirmed, onOrderConfirmed),
    observe(OrderCancelled, onOrderCancelled),
    observe(PaymentRefunded, onPaymentRefunded),
  ],
});
