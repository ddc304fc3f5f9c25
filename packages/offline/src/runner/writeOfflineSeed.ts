import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { OFFLINE_CLIENT_CREDENTIALS } from '../provision/offlineClients';
import type { ProvisionResult } from '../provision';
import { OfflineSeedError } from './errors';
import type { TableSeed } from './readOfflineSeed';

export interface WriteOfflineSeedOptions {
  /** The edge (or DynamoDB Local) URL. */
  endpoint: string;
  region: string;
}

/** How many items were written, and how many were already there and kept. */
export interface SeedOutcome {
  written: number;
  kept: number;
}

/**
 * Writes a service's offline seed into its provisioned tables, each item only where no item with its key
 * exists yet (a conditional PutItem): a table kept on disk (`--persist`) keeps what the developer changed,
 * and a second start writes nothing twice. Rejects with {@link OfflineSeedError} when a DynamoDB call fails.
 *
 * @example
 * const seeds = readOfflineSeed('catalog', custom.offlineSeed, template);
 * await writeOfflineSeed(seeds, provisioned, { endpoint: edgeUrl, region: 'us-east-1' }); // → { written: 6, kept: 0 }
 */
export async function writeOfflineSeed(
  seeds: readonly TableSeed[],
  provisioned: Pick<ProvisionResult, 'created'>,
  options: WriteOfflineSeedOptions,
): Promise<SeedOutcome> {
  const outcome: SeedOutcome = { written: 0, kept: 0 };
  if (seeds.length === 0) return outcome;
  const client = new DynamoDBClient({
    endpoint: options.endpoint,
    region: options.region,
    credentials: OFFLINE_CLIENT_CREDENTIALS,
  });
  try {
    for (const seed of seeds) {
      const table = provisioned.created.find((resource) => resource.logicalId === seed.logicalId)?.physicalId;
      if (!table) throw new OfflineSeedError(`table ${seed.logicalId} was not provisioned, so it cannot be seeded`);
      const hashKey = seed.keyAttributes[0]!;
      for (const item of seed.items) {
        try {
          await client.send(
            new PutItemCommand({
              TableName: table,
              Item: marshall(item, { removeUndefinedValues: true }),
              ConditionExpression: 'attribute_not_exists(#key)',
              ExpressionAttributeNames: { '#key': hashKey },
            }),
          );
          outcome.written += 1;
        } catch (error) {
          if ((error as { name?: string }).name === 'ConditionalCheckFailedException') outcome.kept += 1;
          else throw new OfflineSeedError(`seeding ${table}: ${(error as Error).message}`, { cause: error });
        }
      }
    }
    return outcome;
  } finally {
    client.destroy();
  }
}
