import * as z from 'zod/mini';
import { commandEnvelopeSchema, eventEnvelopeSchema } from './envelope';
import { contracts } from './registry';
import type { Contract } from './types';

/** A JSON Schema (draft 2020-12) document, as zod emits it, with our catalogue fields. */
export type JsonSchemaDocument = Record<string, unknown>;

/** The file name a contract's schema is published under, e.g. `orders.OrderPlaced.v1.json`. */
export function schemaFileName(contract: Contract): string {
  return `${contract.service}.${contract.name}.v${contract.version}.json`;
}

/**
 * The JSON Schema of a contract's message: the event `detail` (envelope + data) or the command body.
 * For docs, a schema registry, and consumers written in other languages.
 *
 * @example
 * const schema = toJsonSchema(OrderPlaced);
 * // schema['x-detail-type'] === 'OrderPlaced'; schema.properties.data describes the payload
 */
export function toJsonSchema(contract: Contract): JsonSchemaDocument {
  const message = contract.kind === 'event' ? eventEnvelopeSchema(contract) : commandEnvelopeSchema(contract);
  const schema = z.toJSONSchema(message, { target: 'draft-2020-12' }) as JsonSchemaDocument;
  return {
    $id: `urn:mesh:${contract.kind}:${contract.service}:${contract.name}:v${contract.version}`,
    title: contract.name,
    description: contract.description,
    ...schema,
    'x-kind': contract.kind,
    'x-service': contract.service,
    'x-version': contract.version,
    ...(contract.kind === 'event' ? { 'x-source': contract.source, 'x-detail-type': contract.detailType } : {}),
  };
}

/** Every contract's JSON Schema (the mesh's, or those given), keyed by its file name. */
export function allJsonSchemas(of: readonly Contract[] = contracts): Record<string, JsonSchemaDocument> {
  return Object.fromEntries(of.map((contract) => [schemaFileName(contract), toJsonSchema(contract)]));
}
