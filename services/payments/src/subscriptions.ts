import { OrderPlaced, StockReserved } from '@mesh/contracts';
import { subscription } from '@mesh/infra';

/**
 * What payments must know to charge an order: its amount (OrderPlaced) and that its stock is held
 * (StockReserved). The two come from different services, so they may arrive in either order.
 */
export const orderEvents = subscription('payments', 'order-events', [OrderPlaced, StockReserved]);
