import type { Money } from '@mesh/contracts';

/** When the fake provider declines an amount, and what it says. */
export interface DeclineRule {
  reason: string;
  applies(amount: Money): boolean;
}

/**
 * Declines every amount whose minor units end in `ending`, e.g. `'13'` declines 10.13 EUR (1013) and
 * 0.13 EUR (13), not 1.30 EUR (130).
 *
 * @example
 * declineWhenEndingIn('13', 'card declined')
 */
export function declineWhenEndingIn(ending: string, reason = 'card declined'): DeclineRule {
  if (!/^\d+$/.test(ending)) throw new TypeError(`a decline ending must be digits, got "${ending}"`);
  return { reason, applies: (amount) => String(amount.amount).endsWith(ending) };
}

/**
 * Declines every amount strictly over `limit` minor units, whatever the currency.
 *
 * @example
 * declineWhenOver(500_000, 'amount over limit') // 5,000.01 EUR is declined, 5,000.00 EUR is not
 */
export function declineWhenOver(limit: number, reason = 'amount over limit'): DeclineRule {
  if (!Number.isInteger(limit) || limit < 0) throw new TypeError(`a limit is whole minor units, got ${limit}`);
  return { reason, applies: (amount) => amount.amount > limit };
}

/** The rules the README names: minor units ending in 13 → "card declined"; over 5,000.00 → "amount over limit". */
export const DEFAULT_DECLINE_RULES: readonly DeclineRule[] = Object.freeze([
  declineWhenEndingIn('13', 'card declined'),
  declineWhenOver(500_000, 'amount over limit'),
]);

/** The reason of the first rule that declines `amount`, or undefined when every rule lets it through. */
export function declineReasonFor(amount: Money, rules: readonly DeclineRule[] = DEFAULT_DECLINE_RULES) {
  return rules.find((rule) => rule.applies(amount))?.reason;
}
