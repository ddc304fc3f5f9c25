import { ReleaseStock } from './inventory/ReleaseStock';
import { ReserveStock } from './inventory/ReserveStock';
import { StockRejected } from './inventory/StockRejected';
import { StockReleased } from './inventory/StockReleased';
import { StockReserved } from './inventory/StockReserved';
import { OrderCancelled } from './orders/OrderCancelled';
import { OrderConfirmed } from './orders/OrderConfirmed';
import { OrderPlaced } from './orders/OrderPlaced';
import { PaymentCaptured } from './payments/PaymentCaptured';
import { PaymentDeclined } from './payments/PaymentDeclined';
import { PaymentRefunded } from './payments/PaymentRefunded';
import type { CommandContract, Contract, EventContract } from './types';

/** Every event contract of the mesh, in catalogue order. */
export const events: readonly EventContract[] = [
  OrderPlaced,
  OrderConfirmed,
  OrderCancelled,
  StockReserved,
  StockRejected,
  StockReleased,
  PaymentCaptured,
  PaymentDeclined,
  PaymentRefunded,
];

/** Every command contract of the mesh. */
export const commands: readonly CommandContract[] = [ReserveStock, ReleaseStock];

export const contracts: readonly Contract[] = [...events, ...commands];

/** Looks an event contract up by its name (detail-type) and optionally its version (latest otherwise). */
export function findEvent(name: string, version?: number): EventContract | undefined {
  let found: EventContract | undefined;
  for (const contract of events) {
    if (contract.name !== name) continue;
    if (version === contract.version) return contract;
    if (version === undefined && (!found || contract.version > found.version)) found = contract;
  }
  return found;
}

/** Looks a command contract up by its name and optionally its version (latest otherwise). */
export function findCommand(name: string, version?: number): CommandContract | undefined {
  let found: CommandContract | undefined;
  for (const contract of commands) {
    if (contract.name !== name) continue;
    if (version === contract.version) return contract;
    if (version === undefined && (!found || contract.version > found.version)) found = contract;
  }
  return found;
}
