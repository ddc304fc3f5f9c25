import { EventPublisher, outboxRelay } from '@mesh/bus';

/** Relays the orders table's outbox rows to the bus, from its stream. */
export const handler = outboxRelay({
  publisher: new EventPublisher({ eventBusName: process.env.EVENT_BUS_NAME ?? '' }),
});
