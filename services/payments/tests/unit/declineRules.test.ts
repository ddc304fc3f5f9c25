import {
  DEFAULT_DECLINE_RULES,
  declineReasonFor,
  declineWhenEndingIn,
  declineWhenOver,
} from '../../src/domain/declineRules';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

describe('decline rules of the fake provider', () => {
  it('declines totals whose minor units end in 13 as "card declined"', () => {
    for (const amount of [13, 1013, 2113, 99913]) {
      expect(declineReasonFor(eur(amount))).toBe('card declined');
    }
  });

  it('lets through totals that merely contain 13 elsewhere', () => {
    for (const amount of [130, 1310, 1301, 2500]) {
      expect(declineReasonFor(eur(amount))).toBeUndefined();
    }
  });

  it('declines totals over 5,000.00 as "amount over limit", and accepts exactly 5,000.00', () => {
    expect(declineReasonFor(eur(500_001))).toBe('amount over limit');
    expect(declineReasonFor(eur(1_000_000))).toBe('amount over limit');
    expect(declineReasonFor(eur(500_000))).toBeUndefined();
  });

  it('gives the first matching rule its say when several apply', () => {
    expect(declineReasonFor(eur(600_013))).toBe('card declined');
  });

  it('takes other rules', () => {
    const rules = [declineWhenEndingIn('99', 'insufficient funds'), declineWhenOver(1_000, 'too much')];
    expect(declineReasonFor(eur(1099), rules)).toBe('insufficient funds');
    expect(declineReasonFor(eur(1013), rules)).toBe('too much');
    expect(declineReasonFor(eur(999), rules)).toBe('insufficient funds');
    expect(declineReasonFor(eur(500), rules)).toBeUndefined();
  });

  it('refuses rules that could never mean what they say', () => {
    expect(() => declineWhenEndingIn('1a')).toThrow(TypeError);
    expect(() => declineWhenOver(10.5)).toThrow(TypeError);
    expect(DEFAULT_DECLINE_RULES).toHaveLength(2);
  });
});
