import * as z from 'zod/mini';
import { defineEvent } from '@mesh/contracts';
import { eventPattern, subscription } from '@mesh/infra';
import { makeEvent } from '@mesh/testing';
import { compilePattern } from '../../../../src/eventbridge/pattern';

// Fixture contracts: v2 upcasts v1, so a subscription declared on v2 must still be delivered v1 events.
const ParcelShippedV1 = defineEvent({
  name: 'ParcelShipped',
  service: 'shipping',
  version: 1,
  description: 'fixture v1',
  schema: z.object({ grams: z.number() }),
  example: { grams: 1500 },
});
const ParcelShippedV2 = defineEvent({
  name: 'ParcelShipped',
  service: 'shipping',
  version: 2,
  description: 'fixture v2',
  schema: z.object({ kg: z.number() }),
  example: { kg: 1.5 },
  upcast: { from: ParcelShippedV1, lift: ({ grams }) => ({ kg: grams / 1000 }) },
});

describe('the rule pattern of a subscription to an upcasting version', () => {
  it('routes events of both versions to the queue, and nothing else', () => {
    const pattern = compilePattern(eventPattern(subscription('billing', 'parcels', [ParcelShippedV2])));
    expect(pattern.matches(makeEvent(ParcelShippedV1))).toBe(true);
    expect(pattern.matches(makeEvent(ParcelShippedV2))).toBe(true);
    expect(pattern.matches({ ...makeEvent(ParcelShippedV2), 'detail-type': 'ParcelLost' })).toBe(false);
  });
});
