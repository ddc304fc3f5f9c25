// DLQ redrive offline: StartMessageMoveTask, ListMessageMoveTasks and CancelMessageMoveTask served at the edge
// in front of fauxqs, through the real SDK v3 client and the AWS CLI.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  CancelMessageMoveTaskCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
  type ListMessageMoveTasksResultEntry,
  type Message,
} from '@aws-sdk/client-sqs';
import {
  startEdge,
  startSqs,
  sqsWithMoveTasks,
  type SqsMoveTaskRoute,
  type StartedEdge,
  type StartedSqs,
} from '../../../src';
import { uniqueQueueName } from './sqsBehindEdge';

const run = promisify(execFile);
let sqs: StartedSqs;
let route: SqsMoveTaskRoute;
let edge: StartedEdge;
let client: SQSClient;

beforeAll(async () => {
  sqs = await startSqs();
  route = sqsWithMoveTasks(sqs.endpoint);
  edge = await startEdge({ port: 0, routes: { sqs: route.listener } });
  client = new SQSClient({
    endpoint: edge.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
}, 60_000);

afterAll(async () => {
  client?.destroy();
  await route?.close();
  await edge?.stop();
  await sqs?.stop();
});

interface Queue {
  url: string;
  arn: string;
}

async function createQueue(name: string, attributes: Record<string, string> = {}): Promise<Queue> {
  const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  return { url: QueueUrl!, arn: Attributes!.QueueArn! };
}

/** A source queue and its DLQ, holding `count` dead letters. */
async function deadLettered(prefix: string, count: number, fifo = false) {
  const name = uniqueQueueName(prefix);
  const suffix = fifo ? '.fifo' : '';
  const fifoAttributes: Record<string, string> = fifo ? { FifoQueue: 'true' } : {};
  const dlq = await createQueue(`${name}-dlq${suffix}`, fifoAttributes);
  const source = await createQueue(`${name}${suffix}`, {
    ...fifoAttributes,
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 3 }),
  });
  for (let i = 0; i < count; i++) {
    await client.send(
      new SendMessageCommand({
        QueueUrl: dlq.url,
        MessageBody: `poison-${i}`,
        MessageAttributes: { 'mesh.reason': { DataType: 'String', StringValue: `Error: failed ${i}` } },
        ...(fifo ? { MessageGroupId: 'order-1', MessageDeduplicationId: `d-${i}` } : {}),
      }),
    );
  }
  return { source, dlq };
}

async function drain(queue: Queue, count: number): Promise<Message[]> {
  const found: Message[] = [];
  while (found.length < count) {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: queue.url,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 2,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
      }),
    );
    found.push(...Messages);
  }
  return found;
}

/** Lists the newest task of `sourceArn` until it is no longer RUNNING or CANCELLING. */
async function settled(sourceArn: string): Promise<ListMessageMoveTasksResultEntry> {
  for (;;) {
    const { Results = [] } = await client.send(new ListMessageMoveTasksCommand({ SourceArn: sourceArn }));
    const [task] = Results;
    if (task && task.Status !== 'RUNNING' && task.Status !== 'CANCELLING') return task;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function depth(queue: Queue): Promise<number> {
  const { Attributes = {} } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['ApproximateNumberOfMessages'] }),
  );
  return Number(Attributes.ApproximateNumberOfMessages);
}

it('moves every dead letter back to its source queue by default, attributes kept, and reports COMPLETED', async () => {
  const { source, dlq } = await deadLettered('redrive', 3);

  const { TaskHandle } = await client.send(new StartMessageMoveTaskCommand({ SourceArn: dlq.arn }));
  expect(TaskHandle).toEqual(expect.any(String));
  const task = await settled(dlq.arn);

  expect(task).toMatchObject({
    Status: 'COMPLETED',
    SourceArn: dlq.arn,
    ApproximateNumberOfMessagesMoved: 3,
    ApproximateNumberOfMessagesToMove: 3,
  });
  expect(task.TaskHandle).toBeUndefined();
  expect(task.StartedTimestamp).toEqual(expect.any(Number));
  const moved = await drain(source, 3);
  expect(moved.map((m) => m.Body).sort()).toEqual(['poison-0', 'poison-1', 'poison-2']);
  expect(moved.map((m) => m.MessageAttributes?.['mesh.reason']?.StringValue).sort()).toEqual([
    'Error: failed 0',
    'Error: failed 1',
    'Error: failed 2',
  ]);
  expect(await depth(dlq)).toBe(0);
}, 60_000);

it('moves to a given destination, keeping a FIFO group in order', async () => {
  const { dlq } = await deadLettered('fifo-redrive', 3, true);
  const elsewhere = await createQueue(uniqueQueueName('elsewhere', true), { FifoQueue: 'true' });

  await client.send(new StartMessageMoveTaskCommand({ SourceArn: dlq.arn, DestinationArn: elsewhere.arn }));
  expect(await settled(dlq.arn)).toMatchObject({ Status: 'COMPLETED', DestinationArn: elsewhere.arn });

  // A FIFO group hands out its next message only once the one before is deleted.
  const moved: Message[] = [];
  while (moved.length < 3) {
    const [message] = await drain(elsewhere, 1);
    moved.push(message!);
    await client.send(new DeleteMessageCommand({ QueueUrl: elsewhere.url, ReceiptHandle: message!.ReceiptHandle }));
  }
  expect(moved.map((m) => m.Body)).toEqual(['poison-0', 'poison-1', 'poison-2']);
  expect(moved.every((m) => m.Attributes?.MessageGroupId === 'order-1')).toBe(true);
}, 60_000);

it('holds to MaxNumberOfMessagesPerSecond, allows one running task per queue, and cancels', async () => {
  const { dlq } = await deadLettered('rate', 6);
  const started = Date.now();
  const { TaskHandle } = await client.send(
    new StartMessageMoveTaskCommand({ SourceArn: dlq.arn, MaxNumberOfMessagesPerSecond: 1 }),
  );

  await expect(client.send(new StartMessageMoveTaskCommand({ SourceArn: dlq.arn }))).rejects.toMatchObject({
    name: 'InvalidParameterValue',
    message: expect.stringMatching(/already a task running/),
  });
  const { Results = [] } = await client.send(new ListMessageMoveTasksCommand({ SourceArn: dlq.arn }));
  expect(Results[0]).toMatchObject({ Status: 'RUNNING', TaskHandle, MaxNumberOfMessagesPerSecond: 1 });

  const { ApproximateNumberOfMessagesMoved } = await client.send(new CancelMessageMoveTaskCommand({ TaskHandle }));
  const task = await settled(dlq.arn);
  expect(task.Status).toBe('CANCELLED');
  // One a second: however long the calls above took, 6 messages cannot have left in under 5 seconds.
  const elapsedSeconds = (Date.now() - started) / 1000;
  expect(task.ApproximateNumberOfMessagesMoved).toBeLessThanOrEqual(Math.floor(elapsedSeconds) + 1);
  expect(task.ApproximateNumberOfMessagesMoved).toBeGreaterThanOrEqual(ApproximateNumberOfMessagesMoved!);
  expect(await depth(dlq)).toBe(6 - task.ApproximateNumberOfMessagesMoved!);
  await expect(client.send(new CancelMessageMoveTaskCommand({ TaskHandle }))).rejects.toMatchObject({
    name: 'InvalidParameterValue',
  });
}, 60_000);

it("refuses with AWS's error names: a queue that is no DLQ, a missing queue, a bad rate, an unknown task", async () => {
  const plain = await createQueue(uniqueQueueName('plain'));
  await expect(client.send(new StartMessageMoveTaskCommand({ SourceArn: plain.arn }))).rejects.toMatchObject({
    name: 'InvalidParameterValue',
    message: 'Source queue must be configured as a Dead Letter Queue.',
  });
  const missing = `arn:aws:sqs:us-east-1:000000000000:${uniqueQueueName('missing')}`;
  await expect(client.send(new StartMessageMoveTaskCommand({ SourceArn: missing }))).rejects.toMatchObject({
    name: 'ResourceNotFoundException',
  });
  const { dlq } = await deadLettered('bad-rate', 0);
  await expect(
    client.send(new StartMessageMoveTaskCommand({ SourceArn: dlq.arn, MaxNumberOfMessagesPerSecond: 501 })),
  ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  await expect(
    client.send(new StartMessageMoveTaskCommand({ SourceArn: dlq.arn, DestinationArn: missing })),
  ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  await expect(client.send(new CancelMessageMoveTaskCommand({ TaskHandle: 'bm90LWEtdGFzaw==' }))).rejects.toMatchObject(
    { name: 'ResourceNotFoundException' },
  );
}, 60_000);

it('serves `aws sqs start-message-move-task` and `list-message-move-tasks` of the AWS CLI', async () => {
  const { source, dlq } = await deadLettered('cli', 2);
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ENDPOINT_URL: edge.url,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };
  const cli = async (...args: string[]) =>
    JSON.parse((await run('aws', ['sqs', ...args, '--endpoint-url', edge.url, '--output', 'json'], { env })).stdout);

  const started = await cli('start-message-move-task', '--source-arn', dlq.arn);
  expect(started.TaskHandle).toEqual(expect.any(String));
  await settled(dlq.arn);
  const listed = await cli('list-message-move-tasks', '--source-arn', dlq.arn);
  expect(listed.Results[0]).toMatchObject({ Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 2 });
  expect((await drain(source, 2)).map((m) => m.Body).sort()).toEqual(['poison-0', 'poison-1']);
}, 60_000);

it('passes every other SQS request through to fauxqs unchanged', async () => {
  const queue = await createQueue(uniqueQueueName('through'));
  await client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'hello' }));
  expect((await drain(queue, 1))[0]!.Body).toBe('hello');
}, 60_000);
