import {
  OrderPlaced,
  PaymentCaptured,
  PaymentDeclined,
  ReleaseStock,
  ReserveStock,
  StockRejected,
  StockReserved,
} from '@mesh/contracts';
import { commandSending, subscription } from '@mesh/infra';

// What the service observes and sends, declared once: the rules, queues, DLQs, alarms, triggers and offline
// wiring come from here, and so do the event map and the README's tables (a test keeps them true).

/** The order saga observes its own OrderPlaced (to reserve stock) and every answer of inventory and payments. */
export const orderSaga = subscription('orders', 'order-saga', [
  OrderPlaced,
  StockReserved,
  StockRejected,
  PaymentCaptured,
  PaymentDeclined,
]);

/** The saga reserves stock for each order and releases it on cancellation or a declined payment. */
export const sendsToInventory = commandSending('orders', [ReserveStock, ReleaseStock]);
