import { allJsonSchemas, contracts, OrderPlaced, ReserveStock, schemaFileName, toJsonSchema } from '../../src';

describe('JSON Schema export', () => {
  it('exports one schema per contract, named after service, name and version', () => {
    const schemas = allJsonSchemas();
    expect(Object.keys(schemas)).toHaveLength(contracts.length);
    expect(schemaFileName(OrderPlaced)).toBe('orders.OrderPlaced.v1.json');
  });

  it('describes an event detail: the envelope with the data schema inside', () => {
    const schema = toJsonSchema(OrderPlaced) as {
      $id: string;
      required: string[];
      properties: Record<string, { const?: number; required?: string[]; properties?: Record<string, unknown> }>;
    };
    expect(schema.$id).toBe('urn:mesh:event:orders:OrderPlaced:v1');
    expect(schema).toMatchObject({ 'x-source': 'mesh.orders', 'x-detail-type': 'OrderPlaced', 'x-version': 1 });
    expect(schema.required).toEqual(
      expect.arrayContaining(['eventId', 'version', 'occurredAt', 'correlationId', 'causationId', 'data']),
    );
    expect(schema.properties.version?.const).toBe(1);
    expect(schema.properties.data?.required).toEqual(['orderId', 'customerId', 'items', 'total']);
  });

  it('describes a command body with its name pinned', () => {
    const schema = toJsonSchema(ReserveStock) as { properties: Record<string, { const?: string }> };
    expect(schema.properties.name?.const).toBe('ReserveStock');
    expect(schema).not.toHaveProperty('x-detail-type');
  });
});
