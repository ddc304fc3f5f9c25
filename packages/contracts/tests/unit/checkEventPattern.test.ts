import * as z from 'zod/mini';
import { defineEvent } from '../../src';
import { checkEventPattern } from '../../src/tools';

const ParcelShipped = defineEvent({
  name: 'ParcelShipped',
  service: 'shipping',
  version: 1,
  description: 'fixture',
  schema: z.object({
    parcelId: z.string(),
    carrier: z.enum(['dhl', 'ups']),
    grams: z.number().check(z.int()),
    express: z.boolean(),
    items: z.array(z.object({ sku: z.string() })),
    meta: z.record(z.string(), z.string()),
  }),
  example: { parcelId: 'p', carrier: 'dhl', grams: 1, express: false, items: [{ sku: 'S' }], meta: {} },
});
const ParcelLost = defineEvent({
  name: 'ParcelLost',
  service: 'shipping',
  version: 1,
  description: 'fixture',
  schema: z.object({ parcelId: z.string() }),
  example: { parcelId: 'p' },
});
const events = [ParcelShipped, ParcelLost];
const check = (pattern: unknown) =>
  checkEventPattern('billing/ParcelsRule', pattern, events).map((i) => `${i.path}: ${i.problem}`);

describe('checkEventPattern', () => {
  it('accepts a pattern that names only what the contracts define, with values of the right types', () => {
    expect(
      check({
        source: ['mesh.shipping'],
        'detail-type': ['ParcelShipped'],
        account: ['123456789012'],
        detail: {
          version: [1],
          data: {
            carrier: ['dhl', { 'anything-but': 'ups' }],
            grams: [{ numeric: ['>', 1000] }],
            express: [true],
            parcelId: [{ prefix: 'p-' }],
            items: { sku: [{ wildcard: 'SKU-*' }] },
            meta: { anyKey: ['x'] },
          },
        },
      }),
    ).toEqual([]);
  });

  it('names every result by the rule it came from', () => {
    expect(checkEventPattern('billing/ParcelsRule', { source: ['mesh.nowhere'] }, events)).toEqual([
      { rule: 'billing/ParcelsRule', path: 'source', problem: '"mesh.nowhere" is no contract\'s source' },
    ]);
  });

  it('refuses a detail-type no contract of the source defines', () => {
    expect(check({ source: ['mesh.shipping'], 'detail-type': ['ParcelShiped'] })).toEqual([
      'detail-type: "ParcelShiped" is no event of mesh.shipping',
    ]);
  });

  it('refuses a detail field the matched event lacks, naming the event', () => {
    expect(check({ 'detail-type': ['ParcelShipped'], detail: { data: { weight: [1] } } })).toEqual([
      'detail.data.weight: is not a field of ParcelShipped',
    ]);
    expect(check({ 'detail-type': ['ParcelShipped', 'ParcelLost'], detail: { data: { carrier: ['dhl'] } } })).toEqual([
      'detail.data.carrier: is not a field of ParcelLost',
    ]);
  });

  it('refuses values of the wrong type, operators of the wrong kind, and enum values that do not exist', () => {
    expect(
      check({
        'detail-type': ['ParcelShipped'],
        detail: {
          data: { grams: ['1000'], parcelId: [{ numeric: ['>', 0] }], carrier: ['fedex'], express: [{ prefix: 't' }] },
        },
      }),
    ).toEqual([
      'detail.data.grams: string "1000" can never match integer in ParcelShipped',
      'detail.data.parcelId: numeric can never match string in ParcelShipped',
      'detail.data.carrier: "fedex" can never match: ParcelShipped allows only "dhl", "ups"',
      'detail.data.express: prefix can never match boolean in ParcelShipped',
    ]);
  });

  it('checks each $or alternative, at the top and inside detail', () => {
    expect(
      check({
        source: ['mesh.shipping'],
        $or: [{ 'detail-type': ['ParcelLost'] }, { 'detail-type': ['ParcelFound'] }],
        detail: { data: { $or: [{ parcelId: ['p'] }, { parcelNo: ['p'] }] } },
      }),
    ).toEqual([
      'detail.data.parcelNo: is not a field of ParcelLost',
      'detail-type: "ParcelFound" is no event of mesh.shipping',
    ]);
  });

  it('allows asking that a field be absent, and refuses fields EventBridge events do not have', () => {
    expect(check({ 'detail-type': ['ParcelLost'], detail: { data: { reason: [{ exists: false }] } } })).toEqual([]);
    expect(check({ 'detail-type': ['ParcelLost'], 'detail-typo': ['x'] })).toEqual([
      'detail-typo: is not a field of an EventBridge event',
    ]);
  });
});
