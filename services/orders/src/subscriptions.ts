import { OrderPlaced, PaymentCaptured, PaymentDeclined, StockRejected, StockReserved } from '@mesh/contracts';
import { subscription } from '@mesh/infra';

/** The order saga observes its own OrderPlaced (to reserve stock) and every answer of inventory and payments. */
export const orderSaga = subscription('orders', 'order-saga', [
  OrderPlaced,
  StockReserved,
  StockRejected,
  PaymentCaptured,
  PaymentDeclined,
]);
