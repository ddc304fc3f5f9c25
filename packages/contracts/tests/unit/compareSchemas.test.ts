import * as z from 'zod/mini';
import { classify, compareSchemas } from '../../src/tools';
import { baseShape, fixtureSchema, published } from '../helpers/fixtureContracts';

const changed = (shape: z.core.$ZodLooseShape, example: Record<string, unknown> = {}) =>
  compareSchemas(published, fixtureSchema(shape, example));
const summary = (shape: z.core.$ZodLooseShape, example: Record<string, unknown> = {}) =>
  changed(shape, example).map(({ path, kind }) => `${path} ${kind}`);

describe('compareSchemas on a published fixture event', () => {
  it('finds nothing when the contract is as published', () => {
    expect(changed(baseShape)).toEqual([]);
    expect(classify(changed(baseShape))).toBe('unchanged');
  });

  it('ignores documentation: descriptions and examples may change freely', () => {
    const annotated = { ...published, description: 'reworded', examples: [{}] };
    expect(compareSchemas(published, annotated)).toEqual([]);
  });

  it('counts a new optional field as compatible both ways', () => {
    const changes = changed({ ...baseShape, insured: z.optional(z.boolean()) });
    expect(changes).toEqual([expect.objectContaining({ path: 'data.insured', kind: 'field-added' })]);
    expect(classify(changes)).toBe('both');
  });

  it('counts a new required field as forward-only: events already published lack it', () => {
    const changes = changed({ ...baseShape, insured: z.boolean() }, { insured: true });
    expect(summary({ ...baseShape, insured: z.boolean() }, { insured: true })).toEqual([
      'data.insured required-field-added',
    ]);
    expect(classify(changes)).toBe('forward');
  });

  it('names a removed field by its path and refuses it both ways', () => {
    const { note: _note, ...withoutNote } = baseShape;
    expect(summary(withoutNote)).toEqual(['data.note field-removed']);
    expect(classify(changed(withoutNote))).toBe('backward');
    const amountOnly = z.object({ amount: z.number().check(z.int(), z.nonnegative()) });
    expect(summary({ ...baseShape, fee: amountOnly }, { fee: { amount: 1 } })).toEqual([
      'data.fee.currency field-removed',
    ]);
  });

  it('recognises a renamed field as breaking', () => {
    const { parcelId, ...rest } = baseShape;
    const changes = changed({ ...rest, shipmentId: parcelId }, { shipmentId: 'p-1' });
    expect(changes).toEqual([
      expect.objectContaining({ path: 'data.parcelId', kind: 'field-renamed', detail: 'renamed to data.shipmentId' }),
    ]);
    expect(classify(changes)).toBe('breaking');
  });

  it('counts an optional field made required as forward-only, and the reverse as backward-only', () => {
    const required = changed({ ...baseShape, note: z.string() }, { note: 'x' });
    expect(required).toEqual([expect.objectContaining({ path: 'data.note', kind: 'made-required' })]);
    expect(classify(required)).toBe('forward');
    const optional = changed({ ...baseShape, parcelId: z.optional(baseShape.parcelId) });
    expect(optional).toEqual([expect.objectContaining({ path: 'data.parcelId', kind: 'made-optional' })]);
    expect(classify(optional)).toBe('backward');
  });

  it('tells a removed enum value (narrower) from an added one (wider)', () => {
    expect(summary({ ...baseShape, carrier: z.enum(['dhl', 'ups']) })).toEqual(['data.carrier enum-value-removed']);
    expect(classify(changed({ ...baseShape, carrier: z.enum(['dhl', 'ups']) }))).toBe('forward');
    expect(classify(changed({ ...baseShape, carrier: z.enum(['dhl', 'ups', 'post', 'fedex']) }))).toBe('backward');
  });

  it('tells a narrowed type from a widened one, and a changed one from both', () => {
    const integerOnly = {
      ...published,
      properties: { ...(published.properties as object), version: { type: 'integer' } },
    };
    const numberToo = { ...integerOnly, properties: { ...integerOnly.properties, version: { type: 'number' } } };
    expect(compareSchemas(integerOnly, numberToo)).toEqual([
      expect.objectContaining({ path: 'version', kind: 'type-widened', backward: true, forward: false }),
    ]);
    expect(compareSchemas(numberToo, integerOnly)).toEqual([
      expect.objectContaining({ path: 'version', kind: 'type-narrowed', backward: false, forward: true }),
    ]);
    const asString = changed({ ...baseShape, weightGrams: z.string() }, { weightGrams: '1200' });
    expect(asString.map((c) => c.kind)).toEqual(['type-changed']);
    expect(classify(asString)).toBe('breaking');
  });

  it('counts a tightened bound as forward-only and a loosened one as backward-only', () => {
    const tighter = changed({ ...baseShape, parcelId: z.string().check(z.minLength(1), z.maxLength(32)) });
    expect(tighter).toEqual([
      expect.objectContaining({ path: 'data.parcelId', kind: 'constraint-tightened', detail: 'maxLength 64 → 32' }),
    ]);
    expect(classify(tighter)).toBe('forward');
    const looser = changed({ ...baseShape, weightGrams: z.number().check(z.int(), z.positive()) });
    expect(looser).toEqual([expect.objectContaining({ path: 'data.weightGrams', kind: 'constraint-loosened' })]);
    expect(classify(looser)).toBe('backward');
  });

  it('treats a changed pattern inside an array as breaking, at the item path', () => {
    const labels = z.array(z.string().check(z.regex(/^[A-Z]+$/)));
    const changes = changed({ ...baseShape, labels }, { labels: ['FRAGILE'] });
    expect(changes).toEqual([expect.objectContaining({ path: 'data.labels[]', kind: 'constraint-changed' })]);
    expect(classify(changes)).toBe('breaking');
  });

  it('counts dropping null from a nullable field as narrower', () => {
    const changes = changed({ ...baseShape, cancelledAt: z.string() }, { cancelledAt: 'now' });
    expect(changes).toEqual([
      expect.objectContaining({ path: 'data.cancelledAt', kind: 'type-narrowed', detail: 'string|null → string' }),
    ]);
    expect(classify(changes)).toBe('forward');
  });

  it('compares inside a union branch by branch, and counts a removed alternative as narrower', () => {
    const Pickup = z.object({ point: z.string() });
    const Door = z.object({ street: z.string() });
    const was = fixtureSchema({ ...baseShape, to: z.union([Pickup, Door]) }, { to: { point: 'p' } });
    const edited = fixtureSchema(
      { ...baseShape, to: z.union([Pickup, z.object({ street: z.string(), floor: z.number() })]) },
      { to: { point: 'p' } },
    );
    expect(compareSchemas(was, edited)).toEqual([
      expect.objectContaining({ path: 'data.to.floor', kind: 'required-field-added' }),
    ]);
    const pickupOnly = fixtureSchema({ ...baseShape, to: z.union([Pickup]) }, { to: { point: 'p' } });
    expect(classify(compareSchemas(was, pickupOnly))).toBe('forward');
  });

  it('refuses an unknown keyword that changed rather than guess', () => {
    const changes = compareSchemas({ type: 'object', uniqueItems: true }, { type: 'object', uniqueItems: false });
    expect(changes).toEqual([expect.objectContaining({ path: '(root)', kind: 'schema-changed' })]);
    expect(classify(changes)).toBe('breaking');
  });
});
