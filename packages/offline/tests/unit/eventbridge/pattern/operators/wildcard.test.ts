import { InvalidEventPatternError, compilePattern } from '../../../../../src/eventbridge/pattern';
import { parseWildcard } from '../../../../../src/eventbridge/pattern/operators/wildcard';
import { fieldMatches } from '../detailMatch';

describe('wildcard', () => {
  it('lets * stand for zero, one or many characters, across slashes', () => {
    expect(fieldMatches([{ wildcard: '*.png' }], '.png')).toBe(true);
    expect(fieldMatches([{ wildcard: 'dir/*/file' }], 'dir/a/b/file')).toBe(true);
    expect(fieldMatches([{ wildcard: '*Title*' }], 'My Title here')).toBe(true);
    expect(fieldMatches([{ wildcard: 'a*b*c' }], 'abc')).toBe(true);
    expect(fieldMatches([{ wildcard: 'a*b*c' }], 'acb')).toBe(false);
    expect(fieldMatches([{ wildcard: 'ab*ba' }], 'aba')).toBe(false);
  });

  it('without * matches the exact string only, and the empty pattern only the empty string', () => {
    expect(fieldMatches([{ wildcard: 'abc' }], 'abc')).toBe(true);
    expect(fieldMatches([{ wildcard: 'abc' }], 'abcd')).toBe(false);
    expect(fieldMatches([{ wildcard: '' }], '')).toBe(true);
    expect(fieldMatches([{ wildcard: '' }], 'a')).toBe(false);
  });

  it('reads \\* as a literal star and \\\\ as a literal backslash', () => {
    expect(fieldMatches([{ wildcard: 'a\\*b' }], 'a*b')).toBe(true);
    expect(fieldMatches([{ wildcard: 'a\\*b' }], 'axb')).toBe(false);
    expect(fieldMatches([{ wildcard: 'a\\\\*' }], 'a\\anything')).toBe(true);
    expect(parseWildcard('\\**')).toEqual(['*', '']);
  });

  it('never matches non-strings', () => {
    expect(fieldMatches([{ wildcard: '*' }], 5)).toBe(false);
    expect(fieldMatches([{ wildcard: '*' }], null)).toBe(false);
  });

  it.each([
    ['consecutive wildcards', 'a**b'],
    ['an unknown escape', 'a\\nb'],
    ['a trailing backslash', 'ab\\'],
    ['too many wildcards', '*:*:*:*:*:event-bus/*'],
  ])('rejects %s', (_reason, pattern) => {
    expect(() => compilePattern({ field: [{ wildcard: pattern }] })).toThrow(InvalidEventPatternError);
  });

  it('names the position of a consecutive wildcard', () => {
    expect(() => parseWildcard('arn:**')).toThrow('Consecutive wildcard characters at pos 5');
  });

  it.each([[1], [['*']], [null]])('rejects the operand %j', (operand) => {
    expect(() => compilePattern({ field: [{ wildcard: operand }] })).toThrow(InvalidEventPatternError);
  });
});
