import { observe, subscriber, type IdempotencyOptions } from '@mesh/bus';
import { OrderCancelled, OrderPlaced, StockReserved } from '@mesh/contracts';
import { orderEvents } from '../../declarations';
import type { PaymentsDependencies } from '../../dependencies';
import { onOrderCancelled } from './observers/onOrderCancelled';
import { onOrderPlaced } from './observers/onOrderPlaced';
import { onStockReserved } from './observers/onStockReserved';

/**
 * The order-events subscriber over the given adapters: the handler builds it from the environment, unit
 * tests from fakes.
 *
 * @example
 * const handler = orderEventsSubscriber(dependencies, { persistenceStore: new InMemoryPersistenceLayer() });
 */
export function orderEventsSubscriber(deps: PaymentsDependencies, idempotency?: IdempotencyOptions) {
  return subscriber({
    name: `payments-${orderEvents.name}`,
    observers: [
      observe(OrderPlaced, onOrderPlaced(deps)),
      observe(StockReserved, onStockReserved(deps)),
      observe(OrderCancelled, onOrderCancelled(deps)),
    ],
    ...(idempotency ? { idempotency } : {}),
  });
}
