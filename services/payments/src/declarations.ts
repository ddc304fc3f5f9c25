import { OrderCancelled, OrderPlaced, StockReserved } from '@mesh/contracts';
import { subscription } from '@mesh/infra';

/**
 * What payments must know to charge an order: its amount (OrderPlaced), that its stock is held
 * (StockReserved), and whether it was cancelled (OrderCancelled: void or refund). They come from different
 * services, so they may arrive in any order.
 */
export const orderEvents = subscription('payments', 'order-events', [OrderPlaced, StockReserved, OrderCancelled]);
