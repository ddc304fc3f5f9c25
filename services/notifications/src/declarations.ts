import { OrderCancelled, OrderConfirmed, OrderPlaced, PaymentRefunded } from '@mesh/contracts';
import { subscription } from '@mesh/infra';

/** Every step of an order's life a customer is told about, and the refund of a cancelled order's payment. */
export const orderLifecycle = subscription('notifications', 'order-lifecycle', [
  OrderPlaced,
  OrderConfirmed,
  OrderCancelled,
  PaymentRefunded,
]);
