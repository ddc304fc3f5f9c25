import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient, ListStreamsCommand } from '@aws-sdk/client-dynamodb-streams';
import { EventBridgeClient, PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { StepEvent } from '@mesh/cli';
import { startEmulators, type StartedEmulators } from '../../../src/runner';
import { descendantsOf, isRunning, listenersOf, LOOPBACK } from '@mesh/testing';

describe('startEmulators (npm run emulators)', () => {
  let emulators: StartedEmulators;
  const steps: StepEvent[] = [];
  let config: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } };

  beforeAll(async () => {
    emulators = await startEmulators({ edgePort: 0, onStep: (step) => steps.push(step) });
    config = {
      endpoint: emulators.edgeUrl,
      region: 'us-east-1',
      credentials: { accessKeyId: 'emu', secretAccessKey: 'emu' },
    };
  }, 120_000);
  afterAll(() => emulators?.stop());

  it('reports each emulator as a step with its duration', () => {
    const done = steps.filter((s) => s.state === 'done');
    expect(done.map((s) => s.step).sort()).toEqual([
      'DynamoDB Local (in memory)',
      'edge endpoint',
      'fauxqs (SQS + S3)',
    ]);
    expect(done.every((s) => typeof s.ms === 'number')).toBe(true);
  });

  it('serves SQS and S3 (fauxqs) through the edge', async () => {
    const sqs = new SQSClient(config);
    const s3 = new S3Client({ ...config, forcePathStyle: true });
    try {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `emulators-${process.pid}` }));
      expect(QueueUrl).toBe(`${emulators.edgeUrl}/000000000000/emulators-${process.pid}`);
      await s3.send(new CreateBucketCommand({ Bucket: 'emulators-test' }));
      await s3.send(new PutObjectCommand({ Bucket: 'emulators-test', Key: 'a.txt', Body: 'hello' }));
      const object = await s3.send(new GetObjectCommand({ Bucket: 'emulators-test', Key: 'a.txt' }));
      expect(await object.Body?.transformToString()).toBe('hello');
    } finally {
      sqs.destroy();
      s3.destroy();
    }
  });

  it('serves DynamoDB and its Streams (DynamoDB Local) through the edge', async () => {
    const dynamo = new DynamoDBClient(config);
    const streams = new DynamoDBStreamsClient(config);
    try {
      await dynamo.send(
        new CreateTableCommand({
          TableName: 'emulators-test',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
        }),
      );
      await dynamo.send(new PutItemCommand({ TableName: 'emulators-test', Item: { pk: { S: 'a' } } }));
      const { Item } = await dynamo.send(new GetItemCommand({ TableName: 'emulators-test', Key: { pk: { S: 'a' } } }));
      expect(Item).toEqual({ pk: { S: 'a' } });
      const { Streams = [] } = await streams.send(new ListStreamsCommand({ TableName: 'emulators-test' }));
      expect(Streams).toHaveLength(1);
    } finally {
      dynamo.destroy();
      streams.destroy();
    }
  });

  it('serves EventBridge in-process and delivers to SQS through the edge', async () => {
    const events = new EventBridgeClient(config);
    const sqs = new SQSClient(config);
    try {
      const queueName = `emulators-target-${process.pid}`;
      await sqs.send(new CreateQueueCommand({ QueueName: queueName }));
      await events.send(
        new PutRuleCommand({ Name: 'to-queue', EventPattern: JSON.stringify({ source: ['emu.test'] }) }),
      );
      await events.send(
        new PutTargetsCommand({
          Rule: 'to-queue',
          Targets: [{ Id: 'q', Arn: `arn:aws:sqs:us-east-1:000000000000:${queueName}` }],
        }),
      );
      await events.send(
        new PutEventsCommand({ Entries: [{ Source: 'emu.test', DetailType: 'Ping', Detail: '{"n":1}' }] }),
      );
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: `${emulators.edgeUrl}/000000000000/${queueName}`, WaitTimeSeconds: 5 }),
      );
      expect(JSON.parse(Messages[0]!.Body!)).toMatchObject({ source: 'emu.test', detail: { n: 1 } });
    } finally {
      events.destroy();
      sqs.destroy();
    }
  });

  it('answers Lambda with 501 while no service runs (the emulators alone have no functions)', async () => {
    const lambda = new LambdaClient({ ...config, maxAttempts: 1 });
    try {
      await expect(lambda.send(new InvokeCommand({ FunctionName: 'nope' }))).rejects.toMatchObject({
        $metadata: { httpStatusCode: 501 },
      });
    } finally {
      lambda.destroy();
    }
  });

  it('listens on the loopback only, the edge in-process and the emulators behind it', () => {
    const pids = [process.pid, ...descendantsOf(process.pid).map((p) => p.pid)];
    const listeners = listenersOf(pids);
    const ports = listeners.map((l) => l.port);
    expect(ports).toEqual(
      expect.arrayContaining([
        emulators.edgePort,
        Number(new URL(emulators.internal.sqs).port),
        Number(new URL(emulators.internal.dynamodb).port),
      ]),
    );
    expect(listeners.filter((l) => !LOOPBACK.test(l.address))).toEqual([]);
  });

  it('refuses a taken edge port with a clear reason, leaving nothing running', async () => {
    const before = descendantsOf(process.pid).map((p) => p.pid);
    await expect(startEmulators({ edgePort: emulators.edgePort })).rejects.toThrow(
      `edge endpoint: port ${emulators.edgePort} on 127.0.0.1 is taken`,
    );
    const after = descendantsOf(process.pid).filter((p) => !before.includes(p.pid) && isRunning(p.pid));
    expect(after.filter((p) => /fauxqs|java/.test(p.args))).toEqual([]);
  });
});
