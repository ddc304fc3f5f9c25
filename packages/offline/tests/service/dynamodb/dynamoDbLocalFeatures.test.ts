// What the outbox and the services rely on DynamoDB Local for, through the real SDK v3.
import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { startDynamoDb, type StartedDynamoDb } from '../../../src/dynamodb';

jest.setTimeout(120_000);

let dynamo: StartedDynamoDb;
let client: DynamoDBClient;
let tableCount = 0;

async function createTable(): Promise<string> {
  tableCount += 1;
  const TableName = `features-${tableCount}`;
  await client.send(
    new CreateTableCommand({
      TableName,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  return TableName;
}

beforeAll(async () => {
  dynamo = await startDynamoDb();
  client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});

afterAll(async () => {
  client?.destroy();
  await dynamo?.stop();
});

describe('DynamoDB Local', () => {
  it('cancels a whole TransactWriteItems when one condition fails, giving the reason per item', async () => {
    const TableName = await createTable();
    await client.send(new PutItemCommand({ TableName, Item: { pk: { S: 'stock#1' }, qty: { N: '0' } } }));

    const transaction = client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName, Item: { pk: { S: 'order#1' }, status: { S: 'PLACED' } } } },
          {
            Update: {
              TableName,
              Key: { pk: { S: 'stock#1' } },
              UpdateExpression: 'SET qty = qty - :one',
              ConditionExpression: 'qty >= :one',
              ExpressionAttributeValues: { ':one': { N: '1' } },
            },
          },
        ],
      }),
    );

    const error = await transaction.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransactionCanceledException);
    expect((error as TransactionCanceledException).CancellationReasons?.map((reason) => reason.Code)).toEqual([
      'None',
      'ConditionalCheckFailed',
    ]);
    const order = await client.send(new GetItemCommand({ TableName, Key: { pk: { S: 'order#1' } } }));
    expect(order.Item).toBeUndefined();
  });

  it('refuses a PutItem whose ConditionExpression fails', async () => {
    const TableName = await createTable();
    const putOnce = (): Promise<unknown> =>
      client.send(
        new PutItemCommand({
          TableName,
          Item: { pk: { S: 'order#1' } },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    await putOnce();
    await expect(putOnce()).rejects.toBeInstanceOf(ConditionalCheckFailedException);
  });

  it('reports TTL enabled by UpdateTimeToLive through DescribeTimeToLive', async () => {
    const TableName = await createTable();
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName,
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      }),
    );
    const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName }));
    expect(TimeToLiveDescription).toEqual({ AttributeName: 'expiresAt', TimeToLiveStatus: 'ENABLED' });
  });
});
