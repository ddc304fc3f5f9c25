import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { Context } from 'aws-lambda';

/** Idempotency records outlive EventBridge's 24 h retry window and SQS's 14-day retention. */
export const DEFAULT_IDEMPOTENCY_TTL_SECONDS = 15 * 24 * 3600;

export interface IdempotencyOptions {
  /** Powertools persistence: `DynamoDBPersistenceLayer` on the consuming service's own table. */
  persistenceStore: BasePersistenceLayer;
  expiresAfterSeconds?: number;
}

/** Runs an effect at most once per key; tells whether this call ran it or found it already done. */
export type RunOnce = (key: string, effect: () => Promise<void>, context?: Context) => Promise<{ duplicate: boolean }>;

/**
 * Wraps Powertools idempotency so that one effect runs once per key (observer + eventId): a duplicate
 * delivery finds the COMPLETED record and skips the effect; a concurrent one finds it IN_PROGRESS and
 * fails, so SQS redelivers it later. The key carries the observer's name, so several observers of one
 * event each get their own record.
 *
 * @example
 * const once = runOnce({ persistenceStore: new DynamoDBPersistenceLayer({ tableName }) });
 * await once(`capturePayment#${eventId}`, () => capture(order));
 */
export function runOnce(options: IdempotencyOptions): RunOnce {
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'key',
    expiresAfterSeconds: options.expiresAfterSeconds ?? DEFAULT_IDEMPOTENCY_TTL_SECONDS,
    throwOnNoIdempotencyKey: true,
  });
  const guarded = makeIdempotent(
    async (_input: { key: string }, effect: () => Promise<void>, ran: { value: boolean }) => {
      ran.value = true;
      await effect();
      return true;
    },
    { persistenceStore: options.persistenceStore, config, dataIndexArgument: 0 },
  );
  return async (key, effect, context) => {
    // The remaining time bounds how long an IN_PROGRESS record blocks retries after a crash.
    if (context) config.registerLambdaContext(context);
    const ran = { value: false };
    await guarded({ key }, effect, ran);
    return { duplicate: !ran.value };
  };
}
