import { InvalidEventPatternError, validatePattern } from '../../../../src/eventbridge/pattern';

describe('validatePattern', () => {
  it('accepts a valid pattern given as text or as an object', () => {
    expect(() => validatePattern('{"source": ["mesh.loans"]}')).not.toThrow();
    expect(() => validatePattern({ detail: { total: [{ numeric: ['>=', 0] }] } })).not.toThrow();
  });

  it('accepts text with a duplicated key, keeping the last value', () => {
    expect(() => validatePattern('{"source": ["a"], "source": [{"prefix": "b"}]}')).not.toThrow();
  });

  it('reports rejections with the AWS wording and a named error class', () => {
    let caught: unknown;
    try {
      validatePattern({ source: 'mesh.loans' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidEventPatternError);
    expect(caught).toBeInstanceOf(Error);
    expect((caught as Error).name).toBe('InvalidEventPatternError');
    expect((caught as Error).message).toBe(
      'Event pattern is not valid. Reason: "source" must be an object or an array',
    );
  });

  it.each([
    ['text that is not JSON', '{"source": '],
    ['JSON that is not an object', '["source"]'],
    ['a JSON string', '"source"'],
    ['null', 'null'],
    ['an empty pattern', '{}'],
    ['an empty nested object', { detail: {} }],
    ['a number leaf', { count: 42 }],
    ['a string leaf', { source: 'mesh.loans' }],
    ['a null leaf', { source: null }],
    ['an empty list', { resources: [] }],
    ['a nested list', { resources: [['a']] }],
    ['an empty match expression', { source: [{}] }],
    ['an unknown operator', { source: [{ contains: 'x' }] }],
    ['an operator in upper case', { source: [{ EXISTS: true }] }],
    ['two operators in one expression', { source: [{ prefix: 'a', suffix: 'b' }] }],
    ['$or with a single alternative', { $or: [{ source: ['a'] }] }],
    ['$or with an empty alternative', { $or: [{ source: ['a'] }, {}] }],
    ['$or with an invalid alternative', { $or: [{ source: ['a'] }, { source: 'b' }] }],
  ])('rejects %s', (_what, pattern) => {
    expect(() => validatePattern(pattern)).toThrow(InvalidEventPatternError);
  });
});
