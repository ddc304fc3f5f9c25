import { InvalidEventPatternError, compilePattern } from '../../../../../src/eventbridge/pattern';
import { fieldMatches, missingFieldMatches } from '../detailMatch';

describe('exists', () => {
  it('true matches any leaf value, null included', () => {
    expect(fieldMatches([{ exists: true }], 'x')).toBe(true);
    expect(fieldMatches([{ exists: true }], 0)).toBe(true);
    expect(fieldMatches([{ exists: true }], null)).toBe(true);
    expect(fieldMatches([{ exists: true }], ['a'])).toBe(true);
  });

  it('true does not match a missing field, an object, or an empty array', () => {
    expect(missingFieldMatches([{ exists: true }])).toBe(false);
    expect(fieldMatches([{ exists: true }], { nested: 1 })).toBe(false);
    expect(fieldMatches([{ exists: true }], [])).toBe(false);
  });

  it('false matches a missing field, an object (not a leaf) and an empty array', () => {
    expect(missingFieldMatches([{ exists: false }])).toBe(true);
    expect(fieldMatches([{ exists: false }], { nested: 1 })).toBe(true);
    expect(fieldMatches([{ exists: false }], [])).toBe(true);
    expect(fieldMatches([{ exists: false }], 'x')).toBe(false);
  });

  it('false matches when a parent on the path is missing or not an object', () => {
    const pattern = compilePattern({ detail: { a: { b: [{ exists: false }] } } });
    expect(pattern.matches({ detail: {} })).toBe(true);
    expect(pattern.matches({ detail: { a: 'leaf' } })).toBe(true);
    expect(pattern.matches({ detail: { a: { b: 1 } } })).toBe(false);
  });

  it('combines with other entries of the list as an OR', () => {
    const list = [{ 'anything-but': ['roses'] }, { exists: false }];
    expect(fieldMatches(list, 'tulips')).toBe(true);
    expect(missingFieldMatches(list)).toBe(true);
    expect(fieldMatches(list, 'roses')).toBe(false);
  });

  it.each([['true'], [1], [null]])('rejects the operand %j', (operand) => {
    expect(() => compilePattern({ field: [{ exists: operand }] })).toThrow(InvalidEventPatternError);
  });
});
