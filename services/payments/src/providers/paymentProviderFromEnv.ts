import { declineWhenEndingIn, declineWhenOver, DEFAULT_DECLINE_RULES, type DeclineRule } from '../domain/declineRules';
import type { PaymentProvider } from '../domain/PaymentProvider';
import { PaymentsConfigurationError, UnknownPaymentProviderError } from '../errors';
import { FakePaymentProvider } from './FakePaymentProvider';

type Env = Record<string, string | undefined>;

const PROVIDERS: Record<string, (env: Env) => PaymentProvider> = {
  fake: (env) => new FakePaymentProvider(fakeDeclineRules(env)),
};

/**
 * The payment provider named by `PAYMENT_PROVIDER` (`fake` when unset). A real provider is one more entry in
 * `PROVIDERS`; an unknown name fails at cold start with {@link UnknownPaymentProviderError}, never silently.
 *
 * @example
 * const provider = paymentProviderFromEnv(process.env);
 */
export function paymentProviderFromEnv(env: Env = process.env): PaymentProvider {
  const name = env.PAYMENT_PROVIDER?.trim() || 'fake';
  const build = PROVIDERS[name];
  if (!build) throw new UnknownPaymentProviderError(name, Object.keys(PROVIDERS));
  return build(env);
}

/**
 * The fake provider's rules, changed through `FAKE_PAYMENT_DECLINED_ENDINGS` (comma-separated digits,
 * default `13`) and `FAKE_PAYMENT_LIMIT` (minor units, default `500000`).
 */
export function fakeDeclineRules(env: Env): readonly DeclineRule[] {
  const endings = env.FAKE_PAYMENT_DECLINED_ENDINGS;
  const limit = env.FAKE_PAYMENT_LIMIT;
  if (endings === undefined && limit === undefined) return DEFAULT_DECLINE_RULES;
  const limitValue = Number(limit ?? '500000');
  if (!Number.isInteger(limitValue) || limitValue < 0) {
    throw new PaymentsConfigurationError(`FAKE_PAYMENT_LIMIT must be whole minor units, got "${limit}"`);
  }
  try {
    return [
      ...(endings ?? '13')
        .split(',')
        .map((ending) => ending.trim())
        .filter(Boolean)
        .map((ending) => declineWhenEndingIn(ending, 'card declined')),
      declineWhenOver(limitValue, 'amount over limit'),
    ];
  } catch (error) {
    throw new PaymentsConfigurationError(`FAKE_PAYMENT_DECLINED_ENDINGS: ${(error as Error).message}`);
  }
}
