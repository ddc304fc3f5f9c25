import * as z from 'zod/mini';
import { defineEvent } from '../../src';

/** A fixture event in three versions, each upcasting the one before: v1 → v2 splits a name, v3 adds a unit. */
export const ParcelShippedV1 = defineEvent({
  name: 'ParcelShipped',
  service: 'shipping',
  version: 1,
  description: 'fixture v1',
  schema: z.object({ parcelId: z.string(), recipient: z.string() }),
  example: { parcelId: 'p-1', recipient: 'Ada Lovelace' },
});

export const ParcelShippedV2 = defineEvent({
  name: 'ParcelShipped',
  service: 'shipping',
  version: 2,
  description: 'fixture v2',
  schema: z.object({ parcelId: z.string(), recipient: z.object({ first: z.string(), last: z.string() }) }),
  example: { parcelId: 'p-1', recipient: { first: 'Ada', last: 'Lovelace' } },
  upcast: {
    from: ParcelShippedV1,
    lift: ({ parcelId, recipient }) => {
      const [first = '', ...rest] = recipient.split(' ');
      return { parcelId, recipient: { first, last: rest.join(' ') } };
    },
  },
});

export const ParcelShippedV3 = defineEvent({
  name: 'ParcelShipped',
  service: 'shipping',
  version: 3,
  description: 'fixture v3',
  schema: z.object({
    parcelId: z.string(),
    recipient: z.object({ first: z.string(), last: z.string() }),
    weight: z.object({ value: z.number(), unit: z.enum(['g', 'kg']) }),
  }),
  example: { parcelId: 'p-1', recipient: { first: 'Ada', last: 'Lovelace' }, weight: { value: 0, unit: 'g' } },
  upcast: { from: ParcelShippedV2, lift: (data) => ({ ...data, weight: { value: 0, unit: 'g' as const } }) },
});
