import { EventPublisher, type EventBus } from '@mesh/bus';
import { DynamoInventoryStore } from './store/DynamoInventoryStore';
import type { InventoryStore } from './store/InventoryStore';

/** What the inventory's handlers act on: swapped for fakes in unit tests and emulators in service tests. */
export interface InventoryDependencies {
  store: InventoryStore;
  events: EventBus;
  now: () => Date;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; serverless.ts sets it on every function`);
  return value;
}

let fromEnvironment: InventoryDependencies | undefined;

/** The production dependencies, built on first use from the function's environment. */
export function inventoryDependencies(): InventoryDependencies {
  fromEnvironment ??= {
    store: new DynamoInventoryStore(required('INVENTORY_TABLE')),
    events: new EventPublisher({ eventBusName: required('EVENT_BUS_NAME') }),
    now: () => new Date(),
  };
  return fromEnvironment;
}

export const inventoryTableName = () => required('INVENTORY_TABLE');
