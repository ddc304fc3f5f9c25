import { compilePattern } from '../../../../src/eventbridge/pattern';

const bookLent = {
  version: '0',
  id: 'b1c2',
  source: 'mesh.loans',
  'detail-type': 'BookLent',
  resources: [],
  detail: { eventId: 'e-1', data: { orderId: 'o-1', total: 120, lines: [{ isbn: 'A' }, { isbn: 'B' }] } },
};

describe('compilePattern', () => {
  it('matches when every field of the pattern matches (AND across fields)', () => {
    expect(compilePattern({ source: ['mesh.loans'], 'detail-type': ['BookLent'] }).matches(bookLent)).toBe(true);
    expect(compilePattern({ source: ['mesh.loans'], 'detail-type': ['LoanCancelled'] }).matches(bookLent)).toBe(false);
  });

  it('follows nested objects, and fails when the event has a leaf where the pattern expects an object', () => {
    expect(compilePattern({ detail: { data: { total: [120] } } }).matches(bookLent)).toBe(true);
    expect(compilePattern({ detail: { eventId: { nested: ['e-1'] } } }).matches(bookLent)).toBe(false);
  });

  it('walks into arrays of objects on the way to a field', () => {
    expect(compilePattern({ detail: { data: { lines: { isbn: ['B'] } } } }).matches(bookLent)).toBe(true);
    expect(compilePattern({ detail: { data: { lines: { isbn: ['C'] } } } }).matches(bookLent)).toBe(false);
  });

  it('treats a dot in a key as nesting, in the pattern and in the event alike', () => {
    expect(compilePattern({ 'detail.data.total': [120] }).matches(bookLent)).toBe(true);
    expect(compilePattern({ detail: { data: { total: [1] } } }).matches({ detail: { 'data.total': 1 } })).toBe(true);
    expect(compilePattern({ detail: { data: { total: [1] } } }).matches({ 'detail.data': { total: 1 } })).toBe(true);
  });

  it('is case-sensitive on field names and does not see inherited properties', () => {
    expect(compilePattern({ Source: ['mesh.loans'] }).matches(bookLent)).toBe(false);
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
      source: ['mesh.loans'],
      $or: [{ 'detail-type': ['BookLent'] }, { detail: { data: { total: [{ numeric: ['>', 1000] }] } } }],
    });

    it('matches when any alternative matches, ANDed with the other fields', () => {
      expect(pattern.matches(bookLent)).toBe(true);
      expect(pattern.matches({ ...bookLent, 'detail-type': 'OrderPaid', detail: { data: { total: 5000 } } })).toBe(
        true,
      );
      expect(pattern.matches({ ...bookLent, 'detail-type': 'OrderPaid' })).toBe(false);
      expect(pattern.matches({ ...bookLent, source: 'mesh.billing' })).toBe(false);
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
