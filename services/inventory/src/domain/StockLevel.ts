import { StockBelowReservedError } from '../errors';

/** The stock of one SKU. `available` = `onHand` - `reserved`, kept stored so a write can be conditioned on it. */
export interface StockLevel {
  sku: string;
  onHand: number;
  reserved: number;
  available: number;
}

/**
 * The stock of `sku` once an admin has counted `onHand` units, keeping what is reserved. Refuses a count
 * below the reserved quantity: available stock never goes negative.
 *
 * @example
 * restock(undefined, 'SKU-RED-MUG', 10); // { sku: 'SKU-RED-MUG', onHand: 10, reserved: 0, available: 10 }
 */
export function restock(current: StockLevel | undefined, sku: string, onHand: number): StockLevel {
  const reserved = current?.reserved ?? 0;
  if (onHand < reserved) throw new StockBelowReservedError(sku, onHand, reserved);
  return { sku, onHand, reserved, available: onHand - reserved };
}
