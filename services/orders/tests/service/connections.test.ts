import path from 'node:path';
import { CreateTableCommand, DynamoDBClient, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { startDynamoDb, type StartedDynamoDb } from '@mesh/offline';
import { packageService } from '@mesh/testing';
import * as dynamoose from 'dynamoose';
import { newConnection } from '../../src/domain/connection';
import { DynamoConnectionStore } from '../../src/store/DynamoConnectionStore';

const region = 'us-east-1';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** WebSocket connections and subscribers as single-table items of the packaged orders table, on DynamoDB Local. */
describe('WebSocket connections on DynamoDB Local', () => {
  let dynamo: StartedDynamoDb;
  let client: DynamoDBClient;
  let store: DynamoConnectionStore;

  beforeAll(async () => {
    const template = await packageService(path.resolve(__dirname, '../..'), 'ci');
    const table = template.Resources.OrdersTable!.Properties as unknown as CreateTableCommandInput;
    dynamo = await startDynamoDb();
    client = new DynamoDBClient({ endpoint: dynamo.endpoint, region, credentials });
    await client.send(
      new CreateTableCommand({
        TableName: 'orders-connections',
        AttributeDefinitions: table.AttributeDefinitions,
        KeySchema: table.KeySchema,
        GlobalSecondaryIndexes: table.GlobalSecondaryIndexes,
        BillingMode: table.BillingMode,
      }),
    );
    dynamoose.aws.ddb.set(new dynamoose.aws.ddb.DynamoDB({ endpoint: dynamo.endpoint, region, credentials }));
    store = new DynamoConnectionStore('orders-connections');
  }, 180_000);

  afterAll(async () => {
    client?.destroy();
    await dynamo?.stop();
  });

  const caller = (customerId: string, isAdmin = false) => ({ customerId, isAdmin, scopes: new Set<string>() });

  it('records a connection, subscribes it, and forgets both when it is gone', async () => {
    const a = newConnection('conn-a=', caller('cus-1'), new Date());
    const b = newConnection('conn-b=', caller('ops-1', true), new Date());
    await Promise.all([store.connect(a), store.connect(b)]);
    expect(await store.get('conn-b=')).toEqual(b);
    await store.subscribe(a, 'ord-1');
    await store.subscribe(a, 'ord-1');
    await store.subscribe(b, 'ord-1');
    expect((await store.subscribersOf('ord-1')).sort()).toEqual(['conn-a=', 'conn-b=']);
    await store.forget('conn-a=', 'ord-1');
    expect(await store.subscribersOf('ord-1')).toEqual(['conn-b=']);
    expect(await store.get('conn-a=')).toBeUndefined();
    await store.disconnect('conn-b=');
    expect(await store.get('conn-b=')).toBeUndefined();
  });

  it('skips a subscription whose connection has expired but TTL has not yet deleted', async () => {
    const old = newConnection('conn-old', caller('cus-1'), new Date(Date.now() - 3 * 3600 * 1000));
    await store.subscribe(old, 'ord-2');
    expect(await store.subscribersOf('ord-2')).toEqual([]);
  });
});
