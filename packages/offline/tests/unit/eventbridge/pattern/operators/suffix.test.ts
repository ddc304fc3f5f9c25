import { InvalidEventPatternError, compilePattern } from '../../../../../src/eventbridge/pattern';
import { fieldMatches } from '../detailMatch';

describe('suffix', () => {
  it('matches strings that end with the suffix, case-sensitively', () => {
    expect(fieldMatches([{ suffix: '.png' }], 'image.png')).toBe(true);
    expect(fieldMatches([{ suffix: '.png' }], 'image.PNG')).toBe(false);
    expect(fieldMatches([{ suffix: '.png' }], 'png')).toBe(false);
  });

  it('ignores case when wrapped around equals-ignore-case', () => {
    expect(fieldMatches([{ suffix: { 'equals-ignore-case': '.png' } }], 'image.PnG')).toBe(true);
    expect(fieldMatches([{ suffix: { 'equals-ignore-case': '.png' } }], 'png')).toBe(false);
  });

  it('with an empty suffix matches every string', () => {
    expect(fieldMatches([{ suffix: '' }], 'anything')).toBe(true);
  });

  it.each([[123], [['.png']], [null], [{ prefix: 'a' }]])('rejects the operand %j', (operand) => {
    expect(() => compilePattern({ field: [{ suffix: operand }] })).toThrow(InvalidEventPatternError);
  });
});
