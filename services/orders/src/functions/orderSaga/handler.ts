import { observe, subscriber } from '@mesh/bus';
import { OrderPlaced, PaymentCaptured, PaymentDeclined, StockRejected, StockReserved } from '@mesh/contracts';
import { orderSaga } from '../../declarations';
import { onOrderPlaced } from './observers/onOrderPlaced';
import { onPaymentCaptured } from './observers/onPaymentCaptured';
import { onPaymentDeclined } from './observers/onPaymentDeclined';
import { onStockRejected } from './observers/onStockRejected';
import { onStockReserved } from './observers/onStockReserved';
import { inventoryChannel, orderStore, type SagaDependencies } from '../../dependencies';

/**
 * The order saga's subscriber. No idempotency store: every effect is already exactly-once — state
 * changes are conditional writes that recognise a redelivered event, their events share the write's
 * transaction, and commands carry deterministic ids.
 */
export function orderSagaHandler(deps: SagaDependencies) {
  return subscriber({
    name: `orders-${orderSaga.name}`,
    observers: [
      observe(OrderPlaced, onOrderPlaced(deps)),
      observe(StockReserved, onStockReserved(deps)),
      observe(StockRejected, onStockRejected(deps)),
      observe(PaymentCaptured, onPaymentCaptured(deps)),
      observe(PaymentDeclined, onPaymentDeclined(deps)),
    ],
  });
}

export const handler = orderSagaHandler({ orders: orderStore(), inventory: inventoryChannel() });
