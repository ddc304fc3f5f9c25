import type * as z from 'zod/mini';

// A contract's schema may be any zod 4 schema: the mesh's own are zod/mini (what Lambdas bundle), and one of the
// full zod (a test's, a tool's) parses the same way, as every contract is parsed with zod/mini's `z.safeParse`.

/** The name of the service that owns a contract, e.g. `orders` (its events' source is `mesh.orders`). */
export type ServiceName = string;

/**
 * A domain event: a fact in the past tense, published to the bus by its owning service.
 * `detailType` is the EventBridge `detail-type`; `source` is `mesh.<service>`.
 */
export interface EventContract<Name extends string = string, Schema extends z.core.$ZodType = z.core.$ZodType> {
  readonly kind: 'event';
  readonly name: Name;
  readonly service: ServiceName;
  readonly source: string;
  readonly detailType: Name;
  readonly version: number;
  readonly description: string;
  readonly schema: Schema;
  /** A valid payload: documents the contract and seeds test factories. */
  readonly example: z.infer<Schema>;
  /** How to lift the previous version's data into this one: its observers then receive both versions. */
  readonly upcast?: Upcaster;
}

/** The previous version of an event and how its data becomes this version's. */
export interface Upcaster {
  readonly from: EventContract;
  readonly lift: (data: unknown) => unknown;
}

/**
 * A command: an imperative sent straight to its owning service's FIFO queue. `aggregateId` picks the
 * message group, so commands on one aggregate are handled in order and never concurrently.
 */
export interface CommandContract<Name extends string = string, Schema extends z.core.$ZodType = z.core.$ZodType> {
  readonly kind: 'command';
  readonly name: Name;
  /** The service that handles the command and owns its queue. */
  readonly service: ServiceName;
  readonly version: number;
  readonly description: string;
  readonly schema: Schema;
  readonly example: z.infer<Schema>;
  readonly aggregateId: (data: z.infer<Schema>) => string;
}

export type Contract = EventContract | CommandContract;

/** The payload type of a contract, inferred from its schema. */
export type DataOf<C extends Contract> = z.infer<C['schema']>;

/** What every event carries in its EventBridge `detail`. */
export interface EventEnvelope<Data = unknown> {
  /** Our id of the event: stable across producer retries, so idempotency keys on it. */
  eventId: string;
  version: number;
  /** ISO-8601 instant at which the fact happened. */
  occurredAt: string;
  /** The id shared by every event and command of one saga, from the first HTTP request on. */
  correlationId: string;
  /** The id of the event or command that caused this one (the request id for the first). */
  causationId: string;
  data: Data;
}

/** The body of a command message on a FIFO queue. */
export interface CommandEnvelope<Data = unknown> {
  commandId: string;
  name: string;
  version: number;
  issuedAt: string;
  correlationId: string;
  causationId: string;
  data: Data;
}

/** An EventBridge event as a subscriber receives it (the SQS message body). */
export interface EventBridgeEvent<Data = unknown> {
  version: string;
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: EventEnvelope<Data>;
  'replay-name'?: string;
}
