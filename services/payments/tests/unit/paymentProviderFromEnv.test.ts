import { FakePaymentProvider } from '../../src/providers/FakePaymentProvider';
import { paymentProviderFromEnv } from '../../src/providers/paymentProviderFromEnv';
import { PaymentsConfigurationError, UnknownPaymentProviderError } from '../../src/errors';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const capture = (provider: ReturnType<typeof paymentProviderFromEnv>, amount: number, key = `k-${amount}`) =>
  provider.capture({ orderId: key, amount: eur(amount), idempotencyKey: key });

describe('choosing the payment provider', () => {
  it('uses the fake provider when PAYMENT_PROVIDER is unset or "fake"', () => {
    expect(paymentProviderFromEnv({})).toBeInstanceOf(FakePaymentProvider);
    expect(paymentProviderFromEnv({ PAYMENT_PROVIDER: 'fake' })).toBeInstanceOf(FakePaymentProvider);
  });

  it('fails clearly on a provider it has no adapter for', () => {
    expect(() => paymentProviderFromEnv({ PAYMENT_PROVIDER: 'stripe' })).toThrow(UnknownPaymentProviderError);
    expect(() => paymentProviderFromEnv({ PAYMENT_PROVIDER: 'stripe' })).toThrow(/"stripe" is unknown.*fake/);
  });

  it('lets the environment change the fake decline rules', async () => {
    const provider = paymentProviderFromEnv({ FAKE_PAYMENT_DECLINED_ENDINGS: '42, 77', FAKE_PAYMENT_LIMIT: '1000' });
    expect(await capture(provider, 142)).toEqual({ status: 'declined', reason: 'card declined' });
    expect(await capture(provider, 177)).toEqual({ status: 'declined', reason: 'card declined' });
    expect(await capture(provider, 1013)).toEqual({ status: 'declined', reason: 'amount over limit' });
    expect(await capture(provider, 113)).toMatchObject({ status: 'captured' });
  });

  it('refuses malformed fake rules at cold start', () => {
    expect(() => paymentProviderFromEnv({ FAKE_PAYMENT_LIMIT: 'lots' })).toThrow(PaymentsConfigurationError);
    expect(() => paymentProviderFromEnv({ FAKE_PAYMENT_DECLINED_ENDINGS: 'x1' })).toThrow(PaymentsConfigurationError);
  });
});

describe('the fake payment provider', () => {
  it('charges once per idempotency key and answers a repeat with its first answer', async () => {
    const provider = new FakePaymentProvider();
    const first = await capture(provider, 2500, 'ord-1');
    const again = await capture(provider, 2500, 'ord-1');
    expect(again).toEqual(first);
    expect(first).toMatchObject({ status: 'captured', paymentId: expect.stringMatching(/^pay-fake-[0-9a-f]{20}$/) });
    expect(provider.charges).toHaveLength(1);
  });

  it('gives the same key the same payment id across instances, as after a cold start', async () => {
    expect(await capture(new FakePaymentProvider(), 2500, 'ord-1')).toEqual(
      await capture(new FakePaymentProvider(), 2500, 'ord-1'),
    );
  });

  it('declines 10.13 EUR and 5,000.01 EUR without charging', async () => {
    const provider = new FakePaymentProvider();
    expect(await capture(provider, 1013)).toEqual({ status: 'declined', reason: 'card declined' });
    expect(await capture(provider, 500_001)).toEqual({ status: 'declined', reason: 'amount over limit' });
    expect(provider.charges).toHaveLength(0);
  });
});
