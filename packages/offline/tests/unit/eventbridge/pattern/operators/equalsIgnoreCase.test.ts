import { InvalidEventPatternError, compilePattern } from '../../../../../src/eventbridge/pattern';
import { fieldMatches } from '../detailMatch';

describe('equals-ignore-case', () => {
  it('matches the whole string in any casing', () => {
    expect(fieldMatches([{ 'equals-ignore-case': 'alice' }], 'ALICE')).toBe(true);
    expect(fieldMatches([{ 'equals-ignore-case': 'alice' }], 'AlIcE')).toBe(true);
    expect(fieldMatches([{ 'equals-ignore-case': 'alice' }], 'alice2')).toBe(false);
    expect(fieldMatches([{ 'equals-ignore-case': 'straße' }], 'STRASSE')).toBe(false);
    expect(fieldMatches([{ 'equals-ignore-case': 'ÉCOLE' }], 'école')).toBe(true);
  });

  it('matches the empty string only', () => {
    expect(fieldMatches([{ 'equals-ignore-case': '' }], '')).toBe(true);
    expect(fieldMatches([{ 'equals-ignore-case': '' }], 'a')).toBe(false);
  });

  it('never matches non-strings', () => {
    expect(fieldMatches([{ 'equals-ignore-case': 'true' }], true)).toBe(false);
  });

  it.each([[['a']], [1], [null], [{ prefix: 'a' }]])('rejects the operand %j', (operand) => {
    expect(() => compilePattern({ field: [{ 'equals-ignore-case': operand }] })).toThrow(InvalidEventPatternError);
  });
});
