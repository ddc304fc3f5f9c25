import * as fullZod from 'zod';
import * as z from 'zod/mini';
import { defineCommand, defineEvent, parseData } from '../../src';

describe('defineEvent and defineCommand', () => {
  const schema = z.object({ orderId: z.string() });

  it('derives source and detail-type from the service and the name', () => {
    const contract = defineEvent({
      name: 'ThingHappened',
      service: 'things',
      version: 3,
      description: 'd',
      schema,
      example: { orderId: 'o' },
    });
    expect(contract).toMatchObject({ kind: 'event', source: 'mesh.things', detailType: 'ThingHappened', version: 3 });
    expect(Object.isFrozen(contract)).toBe(true);
  });

  it('refuses names, services and versions that would break routing', () => {
    const base = { service: 'things', version: 1, description: 'd', schema, example: { orderId: 'o' } };
    expect(() => defineEvent({ ...base, name: 'thing_happened' })).toThrow(/PascalCase/);
    expect(() => defineEvent({ ...base, name: 'ThingHappened', service: 'Things' })).toThrow(/kebab/);
    expect(() => defineEvent({ ...base, name: 'ThingHappened', version: 0 })).toThrow(/Version/);
  });

  it('refuses an example that violates the schema, at definition time', () => {
    expect(() =>
      defineCommand({
        name: 'DoThing',
        service: 'things',
        version: 1,
        description: 'd',
        schema,
        example: { orderId: 1 } as unknown as { orderId: string },
        aggregateId: (d) => d.orderId,
      }),
    ).toThrow(/example of DoThing violates its schema/);
  });

  it('accepts a schema of the full zod too, as tests and tools may write one', () => {
    const contract = defineEvent({
      name: 'ThingHappened',
      service: 'things',
      version: 1,
      description: 'd',
      schema: fullZod.object({ orderId: fullZod.string().min(1) }),
      example: { orderId: 'o' },
    });
    expect(parseData(contract, { orderId: 'o' })).toEqual({ orderId: 'o' });
    expect(() => parseData(contract, { orderId: '' })).toThrow(
      'ThingHappened violates its contract: orderId: Too small: expected string to have >=1 characters',
    );
  });
});
