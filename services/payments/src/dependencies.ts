import { randomUUID } from 'node:crypto';
import { EventPublisher, type EventBus } from '@mesh/bus';
import type { PaymentProvider } from './domain/PaymentProvider';
import type { PaymentStore, ReceiptStore } from './store/PaymentStore';
import { PaymentsConfigurationError } from './errors';
import { paymentProviderFromEnv } from './providers/paymentProviderFromEnv';
import { DynamoPaymentStore } from './store/DynamoPaymentStore';
import { paymentModel } from './store/paymentsTable';
import { S3ReceiptStore } from './store/S3ReceiptStore';

/** What the order-events observers work with: real adapters in Lambda, fakes in unit tests. */
export interface PaymentsDependencies {
  payments: PaymentStore;
  provider: PaymentProvider;
  receipts: ReceiptStore;
  events: EventBus;
  now: () => Date;
  newId: () => string;
}

type Env = Record<string, string | undefined>;

/** A required variable, or a {@link PaymentsConfigurationError} naming it. */
export function required(env: Env, name: string): string {
  const value = env[name];
  if (!value) throw new PaymentsConfigurationError(`${name} is not set`);
  return value;
}

/**
 * The production adapters, from the function's environment (set by serverless.ts): `PAYMENTS_TABLE`,
 * `RECEIPTS_BUCKET`, `EVENT_BUS_NAME`, `PAYMENT_PROVIDER`.
 */
export function paymentsDependencies(env: Env = process.env): PaymentsDependencies {
  return {
    payments: new DynamoPaymentStore(paymentModel(required(env, 'PAYMENTS_TABLE'))),
    provider: paymentProviderFromEnv(env),
    receipts: new S3ReceiptStore(required(env, 'RECEIPTS_BUCKET')),
    events: new EventPublisher({ eventBusName: required(env, 'EVENT_BUS_NAME') }),
    now: () => new Date(),
    newId: randomUUID,
  };
}
