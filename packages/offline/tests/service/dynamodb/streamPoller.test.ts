// The outbox relay's stream reader against DynamoDB Local's real Streams, read as Lambda would deliver them.
import {
  CreateTableCommand,
  DeleteItemCommand,
  DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  createStreamPoller,
  startDynamoDb,
  type DynamoDBRecord,
  type DynamoDBStreamEvent,
  type StartedDynamoDb,
  type StreamPoller,
  type StreamPollerOptions,
} from '../../../src/dynamodb';

jest.setTimeout(120_000);

let dynamo: StartedDynamoDb;
let client: DynamoDBClient;
let tableCount = 0;
const pollers: StreamPoller[] = [];

async function createStreamTable(): Promise<{ TableName: string; streamArn: string }> {
  tableCount += 1;
  const TableName = `outbox-${tableCount}`;
  const { TableDescription } = await client.send(
    new CreateTableCommand({
      TableName,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  const streamArn = TableDescription?.LatestStreamArn;
  if (!streamArn) throw new Error('DynamoDB Local gave the table no stream');
  return { TableName, streamArn };
}

async function put(TableName: string, pk: string, extra: Record<string, { S: string }> = {}): Promise<void> {
  await client.send(new PutItemCommand({ TableName, Item: { pk: { S: pk }, ...extra } }));
}

async function startPoller(options: Omit<StreamPollerOptions, 'endpoint'>): Promise<StreamPoller> {
  const poller = createStreamPoller({
    endpoint: dynamo.endpoint,
    pollIntervalMs: 50,
    retryDelayMs: 20,
    logger: { warn: () => {}, error: () => {} },
    ...options,
  });
  pollers.push(poller);
  await poller.start();
  return poller;
}

async function eventually(check: () => void, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

const keyOf = (record: DynamoDBRecord): string | undefined => record.dynamodb?.Keys?.pk?.S;
const sequenceOf = (record: DynamoDBRecord): string => record.dynamodb?.SequenceNumber ?? '';

beforeAll(async () => {
  dynamo = await startDynamoDb();
  client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});

afterEach(async () => {
  await Promise.all(pollers.splice(0).map((poller) => poller.stop()));
});

afterAll(async () => {
  client?.destroy();
  await dynamo?.stop();
});

describe('createStreamPoller', () => {
  it("delivers NEW_AND_OLD_IMAGES records in order, in Lambda's event shape, in batches of at most batchSize", async () => {
    const { TableName, streamArn } = await createStreamTable();
    const events: DynamoDBStreamEvent[] = [];
    await startPoller({ streamArn, batchSize: 2, handler: async (event) => void events.push(event) });

    await put(TableName, 'order#1', { status: { S: 'PLACED' } });
    await client.send(
      new UpdateItemCommand({
        TableName,
        Key: { pk: { S: 'order#1' } },
        UpdateExpression: 'SET #status = :paid',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':paid': { S: 'PAID' } },
      }),
    );
    await client.send(new DeleteItemCommand({ TableName, Key: { pk: { S: 'order#1' } } }));
    await put(TableName, 'order#2');

    const records = (): DynamoDBRecord[] => events.flatMap((event) => event.Records);
    await eventually(() => expect(records()).toHaveLength(4));

    expect(events.every((event) => event.Records.length <= 2)).toBe(true);
    expect(records().map((record) => [record.eventName, keyOf(record)])).toEqual([
      ['INSERT', 'order#1'],
      ['MODIFY', 'order#1'],
      ['REMOVE', 'order#1'],
      ['INSERT', 'order#2'],
    ]);
    const sequenceNumbers = records().map((record) => BigInt(sequenceOf(record)));
    expect([...sequenceNumbers].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(sequenceNumbers);

    const [inserted, modified, removed] = records();
    expect(inserted).toEqual({
      eventID: expect.any(String),
      eventName: 'INSERT',
      eventVersion: expect.any(String),
      eventSource: 'aws:dynamodb',
      awsRegion: expect.any(String),
      eventSourceARN: streamArn,
      dynamodb: {
        ApproximateCreationDateTime: expect.any(Number),
        Keys: { pk: { S: 'order#1' } },
        NewImage: { pk: { S: 'order#1' }, status: { S: 'PLACED' } },
        SequenceNumber: expect.stringMatching(/^\d+$/),
        SizeBytes: expect.any(Number),
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
    expect(Math.abs((inserted?.dynamodb?.ApproximateCreationDateTime ?? 0) - Date.now() / 1000)).toBeLessThan(120);
    expect(modified?.dynamodb).toMatchObject({
      OldImage: { pk: { S: 'order#1' }, status: { S: 'PLACED' } },
      NewImage: { pk: { S: 'order#1' }, status: { S: 'PAID' } },
    });
    expect(removed?.dynamodb?.OldImage).toEqual({ pk: { S: 'order#1' }, status: { S: 'PAID' } });
    expect(removed?.dynamodb?.NewImage).toBeUndefined();
  });

  it('retries from the item a handler reports failed, without redelivering the ones before it', async () => {
    const { TableName, streamArn } = await createStreamTable();
    // Written before the poller starts at TRIM_HORIZON, so the first batch holds all three.
    for (const pk of ['msg#1', 'msg#2', 'msg#3']) await put(TableName, pk);
    const delivered: string[][] = [];
    let failedOnce = false;
    await startPoller({
      streamArn,
      batchSize: 10,
      handler: async ({ Records }) => {
        delivered.push(Records.map((record) => keyOf(record) ?? '?'));
        const second = Records.find((record) => keyOf(record) === 'msg#2');
        if (second && !failedOnce) {
          failedOnce = true;
          return { batchItemFailures: [{ itemIdentifier: sequenceOf(second) }] };
        }
        return { batchItemFailures: [] };
      },
    });

    await eventually(() => expect(delivered).toHaveLength(2));
    expect(delivered).toEqual([
      ['msg#1', 'msg#2', 'msg#3'],
      ['msg#2', 'msg#3'],
    ]);
  });

  it('skips a batch that keeps failing after maximumRetryAttempts, hands it to onDiscard, and goes on', async () => {
    const { TableName, streamArn } = await createStreamTable();
    const attempts = new Map<string, number>();
    const discarded: string[] = [];
    const handled: string[] = [];
    await startPoller({
      streamArn,
      batchSize: 1,
      maximumRetryAttempts: 2,
      onDiscard: (records) => void discarded.push(...records.map((record) => keyOf(record) ?? '?')),
      handler: async ({ Records }) => {
        const key = keyOf(Records[0] as DynamoDBRecord) ?? '?';
        attempts.set(key, (attempts.get(key) ?? 0) + 1);
        if (key === 'poison') throw new Error('cannot relay this one');
        handled.push(key);
      },
    });

    for (const pk of ['before', 'poison', 'after']) await put(TableName, pk);

    await eventually(() => expect(handled).toEqual(['before', 'after']));
    expect(attempts.get('poison')).toBe(3); // the first try and two retries
    expect(discarded).toEqual(['poison']);
  });

  it('starts at LATEST when asked, skipping what was written before start', async () => {
    const { TableName, streamArn } = await createStreamTable();
    await put(TableName, 'old');
    const seen: string[] = [];
    await startPoller({
      streamArn,
      startingPosition: 'LATEST',
      handler: async ({ Records }) => void seen.push(...Records.map((record) => keyOf(record) ?? '?')),
    });
    await put(TableName, 'new');
    await eventually(() => expect(seen).toEqual(['new']));
  });

  it('stops cleanly while a handler is still running, waiting for it to finish', async () => {
    const { TableName, streamArn } = await createStreamTable();
    let release: () => void = () => {};
    let finished = false;
    let entered = false;
    const poller = await startPoller({
      streamArn,
      handler: async () => {
        entered = true;
        await new Promise<void>((resolve) => (release = resolve));
        finished = true;
      },
    });
    await put(TableName, 'slow');
    await eventually(() => expect(entered).toBe(true));
    const stopping = poller.stop();
    setTimeout(() => release(), 100);
    await stopping;
    expect(finished).toBe(true);
  });
});
