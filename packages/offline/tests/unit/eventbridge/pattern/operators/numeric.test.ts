import { InvalidEventPatternError, compilePattern } from '../../../../../src/eventbridge/pattern';
import { fieldMatches } from '../detailMatch';

describe('numeric', () => {
  it.each([
    ['=', 5, 5, true],
    ['=', 5, 5.000001, false],
    ['<', 5, 4.9, true],
    ['<', 5, 5, false],
    ['<=', 5, 5, true],
    ['>', 5, 5, false],
    ['>', 5, 6, true],
    ['>=', 5, 5, true],
    ['>=', 5, 4, false],
  ])('%s %d against %d matches: %s', (comparison, bound, value, expected) => {
    expect(fieldMatches([{ numeric: [comparison, bound] }], value)).toBe(expected);
  });

  it('matches inside a range with open or closed ends', () => {
    expect(fieldMatches([{ numeric: ['>', 0, '<=', 5] }], 5)).toBe(true);
    expect(fieldMatches([{ numeric: ['>', 0, '<=', 5] }], 0)).toBe(false);
    expect(fieldMatches([{ numeric: ['>=', 0, '<', 5] }], 0)).toBe(true);
    expect(fieldMatches([{ numeric: ['>=', 0, '<', 5] }], 5)).toBe(false);
  });

  it('compares values, not representations (3.018e2 is 301.8)', () => {
    const pattern = compilePattern('{"detail": {"field": [{"numeric": ["=", 3.018e2]}]}}');
    expect(pattern.matches(JSON.parse('{"detail": {"field": 301.8}}'))).toBe(true);
    expect(pattern.matches(JSON.parse('{"detail": {"field": 301.80}}'))).toBe(true);
  });

  it('matches only JSON numbers, not numeric strings, booleans or null', () => {
    expect(fieldMatches([{ numeric: ['>', 0] }], '5')).toBe(false);
    expect(fieldMatches([{ numeric: ['>', 0] }], true)).toBe(false);
    expect(fieldMatches([{ numeric: ['<', 0] }], null)).toBe(false);
  });

  it('never matches event numbers beyond the ±5e9 AWS supports', () => {
    expect(fieldMatches([{ numeric: ['>', 0] }], 5e9)).toBe(true);
    expect(fieldMatches([{ numeric: ['>', 0] }], 5e9 + 1)).toBe(false);
    expect(fieldMatches([{ numeric: ['<', 0] }], -6e9)).toBe(false);
  });

  it('matches an event array when any element is in range', () => {
    expect(fieldMatches([{ numeric: ['>', 10] }], [1, 2, 30])).toBe(true);
  });

  it.each([
    ['a bare number', 10],
    ['an empty list', []],
    ['a missing bound', ['>', 0, '<']],
    ['a string bound', ['>', '0']],
    ['an unknown comparison', ['==', 0]],
    ['two lower bounds', ['>', 0, '>', 0]],
    ['an upper bound first', ['<', 10, '>', 0]],
    ['an empty range', ['>', 5, '<', 5]],
    ['an inverted range', ['>=', 10, '<=', 1]],
    ['= in a range', ['=', 1, '<', 5]],
    ['a bound beyond 5e9', ['<', 5.1e9]],
    ['a bound below -5e9', ['>', -5.1e9]],
    ['too many terms', ['>', 0, '<', 5, '<', 6]],
  ])('rejects %s', (_what, operand) => {
    expect(() => compilePattern({ field: [{ numeric: operand }] })).toThrow(InvalidEventPatternError);
  });

  it('rejects an operator spelled in another case', () => {
    expect(() => compilePattern({ field: [{ NUMERIC: ['>', 0] }] })).toThrow('Unrecognized match type NUMERIC');
  });
});
