import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';

/** The partition holding every idempotency record of the service, beside the payments of the same table. */
export const IDEMPOTENCY_PK = 'IDEMPOTENCY';

/**
 * Powertools idempotency on the service's own table, fitted to its single-table keys: records sit at
 * `pk = IDEMPOTENCY, sk = <key>` and expire through the table's TTL attribute `expiration`.
 *
 * @example
 * subscriber({ name, observers, idempotency: { persistenceStore: idempotencyStore(process.env.PAYMENTS_TABLE!) } });
 */
export function idempotencyStore(tableName: string): DynamoDBPersistenceLayer {
  return new DynamoDBPersistenceLayer({
    tableName,
    keyAttr: 'pk',
    sortKeyAttr: 'sk',
    staticPkValue: IDEMPOTENCY_PK,
    expiryAttr: 'expiration',
  });
}
