// What DynamoDB Local does about regions, pinned so an upgrade that changes it is noticed (docs/offline.md).
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { startDynamoDb, type StartedDynamoDb } from '../../../src/dynamodb';

let dynamo: StartedDynamoDb;
const clients: DynamoDBClient[] = [];

function dynamoIn(region: string, accessKeyId = 'local'): DynamoDBClient {
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region,
    credentials: { accessKeyId, secretAccessKey: 'local' },
  });
  clients.push(client);
  return client;
}

beforeAll(async () => {
  dynamo = await startDynamoDb();
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await dynamo?.stop();
});

describe('DynamoDB Local and regions', () => {
  it('GAP: shares every table across regions and credentials (-sharedDb), with ddblocal in its ARN', async () => {
    await dynamoIn('us-east-1').send(
      new CreateTableCommand({
        TableName: 'regions-shared',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );

    const { Table } = await dynamoIn('eu-central-1', 'other').send(
      new DescribeTableCommand({ TableName: 'regions-shared' }),
    );
    const listed = await dynamoIn('ap-northeast-1').send(new ListTablesCommand({}));

    // AWS: a table exists in one region of one account; DescribeTable elsewhere is ResourceNotFoundException.
    expect(Table?.TableArn).toBe('arn:aws:dynamodb:ddblocal:000000000000:table/regions-shared');
    expect(listed.TableNames).toContain('regions-shared');
  });
});
