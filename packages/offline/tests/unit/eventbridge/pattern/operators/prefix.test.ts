import { InvalidEventPatternError, compilePattern } from '../../../../../src/eventbridge/pattern';
import { fieldMatches } from '../detailMatch';

describe('prefix', () => {
  it('matches strings that start with the prefix, case-sensitively', () => {
    expect(fieldMatches([{ prefix: 'us-' }], 'us-east-1')).toBe(true);
    expect(fieldMatches([{ prefix: 'us-' }], 'US-east-1')).toBe(false);
    expect(fieldMatches([{ prefix: 'us-' }], 'eu-west-1')).toBe(false);
  });

  it('never matches a number, even one whose digits start with the prefix', () => {
    expect(fieldMatches([{ prefix: '12' }], 123)).toBe(false);
  });

  it('with an empty prefix matches every string but nothing else', () => {
    expect(fieldMatches([{ prefix: '' }], '')).toBe(true);
    expect(fieldMatches([{ prefix: '' }], 'x')).toBe(true);
    expect(fieldMatches([{ prefix: '' }], null)).toBe(false);
  });

  it('ignores case when wrapped around equals-ignore-case, including non-ASCII letters', () => {
    expect(fieldMatches([{ prefix: { 'equals-ignore-case': 'EventB' } }], 'eventbridge')).toBe(true);
    expect(fieldMatches([{ prefix: { 'equals-ignore-case': 'ÉTÉ' } }], 'été 2024')).toBe(true);
    expect(fieldMatches([{ prefix: { 'equals-ignore-case': 'EventB' } }], 'Event')).toBe(false);
  });

  it.each([[123], [['a']], [null], [{ 'equals-ignore-case': 1 }], [{ suffix: 'a' }]])(
    'rejects the operand %j',
    (operand) => {
      expect(() => compilePattern({ field: [{ prefix: operand }] })).toThrow(InvalidEventPatternError);
    },
  );
});
