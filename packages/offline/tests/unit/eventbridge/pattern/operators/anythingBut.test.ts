import { InvalidEventPatternError, compilePattern } from '../../../../../src/eventbridge/pattern';
import { fieldMatches, missingFieldMatches } from '../detailMatch';

describe('anything-but', () => {
  it('matches any value but the given string or number, including other types and null', () => {
    expect(fieldMatches([{ 'anything-but': 'stopped' }], 'running')).toBe(true);
    expect(fieldMatches([{ 'anything-but': 'stopped' }], 'stopped')).toBe(false);
    expect(fieldMatches([{ 'anything-but': 'stopped' }], null)).toBe(true);
    expect(fieldMatches([{ 'anything-but': 123 }], '123')).toBe(true);
    expect(fieldMatches([{ 'anything-but': 123 }], 123.0)).toBe(false);
  });

  it('matches any value outside a list of strings or of numbers', () => {
    expect(fieldMatches([{ 'anything-but': ['a', 'b'] }], 'c')).toBe(true);
    expect(fieldMatches([{ 'anything-but': ['a', 'b'] }], 'b')).toBe(false);
    expect(fieldMatches([{ 'anything-but': [1, 2] }], 3)).toBe(true);
    expect(fieldMatches([{ 'anything-but': [1, 2] }], 2)).toBe(false);
  });

  it('never matches a missing field', () => {
    expect(missingFieldMatches([{ 'anything-but': 'x' }])).toBe(false);
    expect(missingFieldMatches([{ 'anything-but': { prefix: 'x' } }])).toBe(false);
  });

  it('matches an event array holding at least one value that is not excluded', () => {
    expect(fieldMatches([{ 'anything-but': [100, 500] }], [100, 50])).toBe(true);
    expect(fieldMatches([{ 'anything-but': [100, 500] }], [100, 500])).toBe(false);
  });

  it('excludes prefixes and suffixes, given alone or as a list', () => {
    expect(fieldMatches([{ 'anything-but': { prefix: 'us-' } }], 'eu-west-1')).toBe(true);
    expect(fieldMatches([{ 'anything-but': { prefix: 'us-' } }], 'us-east-1')).toBe(false);
    expect(fieldMatches([{ 'anything-but': { prefix: ['us-', 'eu-'] } }], 'eu-west-1')).toBe(false);
    expect(fieldMatches([{ 'anything-but': { suffix: ['.png', '.jpg'] } }], 'a.gif')).toBe(true);
    expect(fieldMatches([{ 'anything-but': { suffix: '.png' } }], 'a.png')).toBe(false);
    expect(fieldMatches([{ 'anything-but': { prefix: 'us-' } }], 42)).toBe(true);
  });

  it('excludes values equal in any casing, and values matching a wildcard', () => {
    expect(fieldMatches([{ 'anything-but': { 'equals-ignore-case': ['Stopped', 'x'] } }], 'STOPPED')).toBe(false);
    expect(fieldMatches([{ 'anything-but': { 'equals-ignore-case': 'Stopped' } }], 'running')).toBe(true);
    expect(fieldMatches([{ 'anything-but': { wildcard: '*/lib/*' } }], 'src/lib/a.ts')).toBe(false);
    expect(fieldMatches([{ 'anything-but': { wildcard: ['*/lib/*', '*.md'] } }], 'README.md')).toBe(false);
    expect(fieldMatches([{ 'anything-but': { wildcard: '*/lib/*' } }], 'src/app/a.ts')).toBe(true);
  });

  it.each([
    ['null', null],
    ['a boolean', true],
    ['a list holding null', ['a', null]],
    ['a mixed list of strings and numbers', ['a', 1]],
    ['an empty list', []],
    ['a nested list', [['a']]],
    ['an empty prefix', { prefix: '' }],
    ['an empty suffix in a list', { suffix: ['.png', ''] }],
    ['a case-insensitive prefix', { prefix: { 'equals-ignore-case': 'a' } }],
    ['a case-insensitive suffix', { suffix: { 'equals-ignore-case': 'a' } }],
    ['a non-string equals-ignore-case', { 'equals-ignore-case': 1 }],
    ['a list with a number under wildcard', { wildcard: [1, '*'] }],
    ['a numeric operator', { numeric: ['>', 1] }],
    ['two operators', { prefix: 'a', suffix: 'b' }],
    ['an empty object', {}],
  ])('rejects %s', (_what, operand) => {
    expect(() => compilePattern({ field: [{ 'anything-but': operand }] })).toThrow(InvalidEventPatternError);
  });
});
