import * as z from 'zod/mini';
import { defineEvent, toJsonSchema, type JsonSchemaDocument } from '../../src';

const Money = z.object({ amount: z.number().check(z.int(), z.nonnegative()), currency: z.string() });

/** The published shape of a fixture event: each test edits one thing of it. */
export const baseShape = {
  parcelId: z.string().check(z.minLength(1), z.maxLength(64)),
  carrier: z.enum(['dhl', 'ups', 'post']),
  weightGrams: z.number().check(z.int(), z.positive(), z.maximum(30_000)),
  note: z.optional(z.string()),
  fee: Money,
  labels: z.array(z.string().check(z.regex(/^[a-z]+$/))),
  cancelledAt: z.nullable(z.string()),
};

const baseExample = {
  parcelId: 'p-1',
  carrier: 'dhl' as const,
  weightGrams: 1200,
  fee: { amount: 499, currency: 'EUR' },
  labels: ['fragile'],
  cancelledAt: null,
};

/** The JSON Schema of fixture event `ParcelShipped` v1 with `schema` as its data. */
export function fixtureSchema(shape: z.core.$ZodLooseShape, example: Record<string, unknown> = {}): JsonSchemaDocument {
  const schema = z.object(shape);
  const merged = { ...baseExample, ...example };
  // Drop example fields the edited shape no longer has, so defineEvent's example check passes.
  const fitted = Object.fromEntries(Object.entries(merged).filter(([k]) => k in shape));
  return toJsonSchema(
    defineEvent({
      name: 'ParcelShipped',
      service: 'shipping',
      version: 1,
      description: 'fixture',
      schema,
      example: fitted,
    }),
  );
}

export const published = fixtureSchema(baseShape);
