import * as z from 'zod/mini';
import type { CommandContract, EventContract } from './types';

const NAME = /^[A-Z][A-Za-z0-9]+$/;
const SERVICE = /^[a-z][a-z0-9-]*$/;

function checkNaming(name: string, service: string, version: number): void {
  if (!NAME.test(name)) throw new TypeError(`Contract name "${name}" must be PascalCase (e.g. OrderPlaced)`);
  if (!SERVICE.test(service)) throw new TypeError(`Service "${service}" must be lower-case kebab (e.g. orders)`);
  if (!Number.isInteger(version) || version < 1) throw new TypeError(`Version of ${name} must be an integer >= 1`);
}

// A contract's example is documentation and test seed at once: a wrong one must fail at load, not in a test.
function checkExample(name: string, schema: z.core.$ZodType, example: unknown): void {
  const result = z.safeParse(schema, example);
  if (!result.success) throw new TypeError(`The example of ${name} violates its schema: ${result.error.message}`);
}

/**
 * Declares a domain event. The name is the EventBridge `detail-type`; the source is `mesh.<service>`.
 *
 * @example
 * export const OrderPlaced = defineEvent({
 *   name: 'OrderPlaced',
 *   service: 'orders',
 *   version: 1,
 *   description: 'A customer placed an order.',
 *   schema: z.object({ orderId: z.string() }),
 *   example: { orderId: 'ord-1' },
 * });
 */
export function defineEvent<const Name extends string, Schema extends z.core.$ZodType>(spec: {
  name: Name;
  service: string;
  version: number;
  description: string;
  schema: Schema;
  example: z.infer<Schema>;
}): EventContract<Name, Schema> {
  checkNaming(spec.name, spec.service, spec.version);
  checkExample(spec.name, spec.schema, spec.example);
  return Object.freeze({
    kind: 'event',
    name: spec.name,
    service: spec.service,
    source: `mesh.${spec.service}`,
    detailType: spec.name,
    version: spec.version,
    description: spec.description,
    schema: spec.schema,
    example: spec.example,
  });
}

/**
 * Declares a command handled by `service` on its FIFO queue; `aggregateId` becomes the MessageGroupId.
 *
 * @example
 * export const ReserveStock = defineCommand({
 *   name: 'ReserveStock',
 *   service: 'inventory',
 *   version: 1,
 *   description: 'Reserve every item of an order, or none.',
 *   schema: z.object({ orderId: z.string(), items: z.array(StockLine) }),
 *   example: { orderId: 'ord-1', items: [{ sku: 'SKU-1', quantity: 2 }] },
 *   aggregateId: (data) => data.orderId,
 * });
 */
export function defineCommand<const Name extends string, Schema extends z.core.$ZodType>(spec: {
  name: Name;
  service: string;
  version: number;
  description: string;
  schema: Schema;
  example: z.infer<Schema>;
  aggregateId: (data: z.infer<Schema>) => string;
}): CommandContract<Name, Schema> {
  checkNaming(spec.name, spec.service, spec.version);
  checkExample(spec.name, spec.schema, spec.example);
  return Object.freeze({ kind: 'command', ...spec });
}
