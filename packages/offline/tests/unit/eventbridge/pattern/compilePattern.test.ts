import { compilePattern } from '../../../../src/eventbridge/pattern';

const orderPlaced = {
  version: '0',
  id: 'b1c2',
  source: 'mesh.orders',
  'detail-type': 'OrderPlaced',
  resources: [],
  detail: { eventId: 'e-1', data: { orderId: 'o-1', total: 120, lines: [{ sku: 'A' }, { sku: 'B' }] } },
};

describe('compilePattern', () => {
  it('matches when every field of the pattern matches (AND across fields)', () => {
    expect(compilePattern({ source: ['mesh.orders'], 'detail-type': ['OrderPlaced'] }).matches(orderPlaced)).toBe(true);
    expect(compilePattern({ source: ['mesh.orders'], 'detail-type': ['OrderCancelled'] }).matches(orderPlaced)).toBe(
      false,
    );
  });

  it('follows nested objects, and fails when the event has a leaf where the pattern expects an object', () => {
    expect(compilePattern({ detail: { data: { total: [120] } } }).matches(orderPlaced)).toBe(true);
    expect(compilePattern({ detail: { eventId: { nested: ['e-1'] } } }).matches(orderPlaced)).toBe(false);
  });

  it('walks into arrays of objects on the way to a field', () => {
    expect(compilePattern({ detail: { data: { lines: { sku: ['B'] } } } }).matches(orderPlaced)).toBe(true);
    expect(compilePattern({ detail: { data: { lines: { sku: ['C'] } } } }).matches(orderPlaced)).toBe(false);
  });

  it('treats a dot in a key as nesting, in the pattern and in the event alike', () => {
    expect(compilePattern({ 'detail.data.total': [120] }).matches(orderPlaced)).toBe(true);
    expect(compilePattern({ detail: { data: { total: [1] } } }).matches({ detail: { 'data.total': 1 } })).toBe(true);
    expect(compilePattern({ detail: { data: { total: [1] } } }).matches({ 'detail.data': { total: 1 } })).toBe(true);
  });

  it('is case-sensitive on field names and does not see inherited properties', () => {
    expect(compilePattern({ Source: ['mesh.orders'] }).matches(orderPlaced)).toBe(false);
    expect(compilePattern({ constructor: [{ exists: true }] }).matches({})).toBe(false);
    expect(compilePattern({ toString: [{ exists: false }] }).matches({})).toBe(true);
  });

  it('does not look inside a JSON string held by the event', () => {
    expect(compilePattern({ detail: { a: ['b'] } }).matches({ detail: '{"a":"b"}' })).toBe(false);
  });

  it('matches nothing but objects', () => {
    const pattern = compilePattern({ source: [{ exists: false }] });
    expect(pattern.matches({})).toBe(true);
    expect(pattern.matches(null)).toBe(false);
    expect(pattern.matches('event')).toBe(false);
    expect(pattern.matches([{}])).toBe(false);
  });

  describe('$or', () => {
    const pattern = compilePattern({
      source: ['mesh.orders'],
      $or: [{ 'detail-type': ['OrderPlaced'] }, { detail: { data: { total: [{ numeric: ['>', 1000] }] } } }],
    });

    it('matches when any alternative matches, ANDed with the other fields', () => {
      expect(pattern.matches(orderPlaced)).toBe(true);
      expect(pattern.matches({ ...orderPlaced, 'detail-type': 'OrderPaid', detail: { data: { total: 5000 } } })).toBe(
        true,
      );
      expect(pattern.matches({ ...orderPlaced, 'detail-type': 'OrderPaid' })).toBe(false);
      expect(pattern.matches({ ...orderPlaced, source: 'mesh.payments' })).toBe(false);
    });

    it('works nested inside an object and inside another $or', () => {
      const nested = compilePattern({
        detail: {
          $or: [{ a: ['1'] }, { $or: [{ b: ['2'] }, { c: { d: [{ prefix: 'x' }] } }] }],
        },
      });
      expect(nested.matches({ detail: { a: '1' } })).toBe(true);
      expect(nested.matches({ detail: { b: '2' } })).toBe(true);
      expect(nested.matches({ detail: { c: { d: 'xyz' } } })).toBe(true);
      expect(nested.matches({ detail: { c: { d: 'yz' } } })).toBe(false);
      expect(nested.matches({ a: '1' })).toBe(false);
    });

    it('is an ordinary field name when its value is a list of plain values', () => {
      expect(compilePattern({ $or: ['x'] }).matches({ $or: 'x' })).toBe(true);
    });
  });

  it('reuses the compiled pattern for many events without keeping state between them', () => {
    const pattern = compilePattern({ detail: { ip: [{ cidr: '2001:db8::/32' }] } });
    expect(pattern.matches({ detail: { ip: '2001:db8::1' } })).toBe(true);
    expect(pattern.matches({ detail: { ip: '2001:db9::1' } })).toBe(false);
    expect(pattern.matches({ detail: { ip: ['2001:db9::1', '2001:db8::1'] } })).toBe(true);
  });
});
