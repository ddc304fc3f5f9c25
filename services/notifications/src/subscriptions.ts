import { OrderCancelled, OrderConfirmed, OrderPlaced } from '@mesh/contracts';
import { subscription } from '@mesh/infra';

/** Every step of an order's life a customer is told about. */
export const orderLifecycle = subscription('notifications', 'order-lifecycle', [
  OrderPlaced,
  OrderConfirmed,
  OrderCancelled,
]);
