import * as z from 'zod/mini';
import type { CommandContract, EventContract, Upcaster } from './types';

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

// An upcaster lifts the version just before this one of the same event, and must turn that version's example
// into a valid example of this one: a lift that cannot would fail every upcast event, so it fails at load.
function checkUpcaster(name: string, service: string, version: number, schema: z.core.$ZodType, up: Upcaster): void {
  const { from } = up;
  if (from.name !== name || from.service !== service || from.version !== version - 1) {
    throw new TypeError(
      `${name} v${version} can upcast only ${name} v${version - 1} of ${service}, not ${from.name} v${from.version}`,
    );
  }
  const result = z.safeParse(schema, up.lift(from.example));
  if (!result.success) {
    throw new TypeError(
      `${name} v${version}'s upcaster turns v${from.version}'s example into invalid data: ${result.error.message}`,
    );
  }
}

/**
 * Declares a domain event. The name is the EventBridge `detail-type`; the source is `mesh.<service>`.
 * A version after the first may declare `upcast`: how the previous version's data becomes its own, so its
 * observers receive events of both versions and producers and consumers migrate one at a time.
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
 * // v2 splits the name; v1 events still reach v2's observers, lifted:
 * export const CustomerRegisteredV2 = defineEvent({
 *   name: 'CustomerRegistered', service: 'customers', version: 2, description: '…',
 *   schema: z.object({ first: z.string(), last: z.string() }),
 *   example: { first: 'Ada', last: 'Lovelace' },
 *   upcast: { from: CustomerRegistered, lift: ({ name }) => ({ first: name.split(' ')[0]!, last: name.split(' ')[1] ?? '' }) },
 * });
 */
export function defineEvent<
  const Name extends string,
  Schema extends z.core.$ZodType,
  From extends EventContract = EventContract,
>(spec: {
  name: Name;
  service: string;
  version: number;
  description: string;
  schema: Schema;
  example: z.infer<Schema>;
  upcast?: { from: From; lift: (data: z.infer<From['schema']>) => z.infer<Schema> };
}): EventContract<Name, Schema> {
  checkNaming(spec.name, spec.service, spec.version);
  checkExample(spec.name, spec.schema, spec.example);
  const upcast = spec.upcast as Upcaster | undefined;
  if (upcast) checkUpcaster(spec.name, spec.service, spec.version, spec.schema, upcast);
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
    ...(upcast ? { upcast: Object.freeze({ from: upcast.from, lift: upcast.lift }) } : {}),
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
