import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';

/** The one partition of the inventory table that holds Powertools' idempotency records. */
export const IDEMPOTENCY_PARTITION = 'IDEMPOTENCY#inventory-commands';

/**
 * Powertools' DynamoDB persistence on the inventory's own table: records under one static `pk`, keyed by
 * `sk` (the hashed commandId), expiring through the table's TTL on `expiration`.
 *
 * @example
 * commandHandler({ name, routes, idempotency: { persistenceStore: idempotencyStore(tableName) } });
 */
export function idempotencyStore(tableName: string, client?: DynamoDBClient): DynamoDBPersistenceLayer {
  return new DynamoDBPersistenceLayer({
    tableName,
    keyAttr: 'pk',
    sortKeyAttr: 'sk',
    staticPkValue: IDEMPOTENCY_PARTITION,
    ...(client ? { awsSdkV3Client: client } : {}),
  });
}
