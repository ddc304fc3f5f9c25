// Lambda's SQS event source mapping, offline: fauxqs behind the edge, a stub of serverless-offline's invoke endpoint.
import { createHash } from 'node:crypto';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { createSqsPoller, lambdaInvoker, type ClosableLambdaInvoker, type SqsPoller } from '../../../src/pollers';
import type { EventSourceMappingSpec } from '../../../src/provision';
import { startSqsBehindEdge, uniqueQueueName, type SqsBehindEdge } from '../sqs/sqsBehindEdge';
import { eventually, startLambdaInvokeStub, type LambdaInvokeStub } from '@mesh/testing';

const functionName = 'loans-test-onEvent';
let mesh: SqsBehindEdge;
let sqs: SQSClient;
let stub: LambdaInvokeStub;
let invoke: ClosableLambdaInvoker;
const pollers: SqsPoller[] = [];
const quiet = { warn: () => {}, error: () => {} };

beforeAll(async () => {
  [mesh, stub] = await Promise.all([startSqsBehindEdge(), startLambdaInvokeStub()]);
  sqs = new SQSClient(mesh.clientConfig);
  invoke = lambdaInvoker(stub.endpoint);
});

afterEach(async () => {
  await Promise.all(pollers.splice(0).map((poller) => poller.stop()));
  stub.invocations.length = 0;
  stub.answer = () => ({ payload: null });
});

afterAll(async () => {
  invoke?.close();
  sqs?.destroy();
  await stub?.stop();
  await mesh?.stop();
});

interface Queue {
  url: string;
  arn: string;
}

async function createQueue(name: string, attributes: Record<string, string> = {}): Promise<Queue> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  return { url: QueueUrl!, arn: Attributes!.QueueArn! };
}

async function sendBodies(queue: Queue, bodies: string[], group?: (body: string) => string): Promise<void> {
  for (let i = 0; i < bodies.length; i += 10) {
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: bodies.slice(i, i + 10).map((body, index) => ({
          Id: String(index),
          MessageBody: body,
          ...(group ? { MessageGroupId: group(body), MessageDeduplicationId: body } : {}),
        })),
      }),
    );
  }
}

async function startPoller(queue: Queue, spec: Partial<EventSourceMappingSpec> = {}, concurrency = 2) {
  const poller = createSqsPoller({
    spec: {
      functionLogicalId: 'OnEventLambdaFunction',
      functionName,
      kind: 'sqs',
      sourceArn: queue.arn,
      queueUrl: queue.url,
      batchSize: 10,
      maximumBatchingWindowSeconds: 0,
      reportBatchItemFailures: true,
      enabled: true,
      ...spec,
    },
    sqs,
    invoke,
    waitTimeSeconds: 1,
    errorBackoffMs: 50,
    concurrency,
    logger: quiet,
  });
  pollers.push(poller);
  await poller.start();
  return poller;
}

async function messageCounts(queue: Queue): Promise<number> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queue.url,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible);
}

const bodiesOf = (stubbed: LambdaInvokeStub) =>
  stubbed.invocations.flatMap((invocation) => invocation.event.Records.map((record) => record.body));

it("invokes the function synchronously with AWS's SQS event shape, then deletes the batch", async () => {
  const queue = await createQueue(uniqueQueueName('shape'));
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: queue.url,
      MessageBody: '{"hello":"world"}',
      MessageAttributes: {
        traceId: { DataType: 'String', StringValue: 't-1' },
        blob: { DataType: 'Binary', BinaryValue: Buffer.from('xy') },
        count: { DataType: 'Number', StringValue: '3' },
      },
    }),
  );
  await startPoller(queue);
  const [invocation] = await eventually(() => stub.invocations.length === 1 && stub.invocations);
  expect(invocation!.functionName).toBe(functionName);
  expect(invocation!.invocationType).toBe('RequestResponse');
  expect(invocation!.event).toEqual({
    Records: [
      {
        messageId: expect.any(String),
        receiptHandle: expect.any(String),
        body: '{"hello":"world"}',
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: expect.stringMatching(/^\d{13}$/),
          SenderId: expect.any(String),
          ApproximateFirstReceiveTimestamp: expect.stringMatching(/^\d{13}$/),
        },
        messageAttributes: {
          traceId: { stringValue: 't-1', stringListValues: [], binaryListValues: [], dataType: 'String' },
          blob: { binaryValue: 'eHk=', stringListValues: [], binaryListValues: [], dataType: 'Binary' },
          count: { stringValue: '3', stringListValues: [], binaryListValues: [], dataType: 'Number' },
        },
        md5OfBody: createHash('md5').update('{"hello":"world"}').digest('hex'),
        md5OfMessageAttributes: expect.stringMatching(/^[0-9a-f]{32}$/),
        eventSource: 'aws:sqs',
        eventSourceARN: queue.arn,
        awsRegion: 'us-east-1',
      },
    ],
  });
  await eventually(async () => (await messageCounts(queue)) === 0);
});

it('with ReportBatchItemFailures deletes all but the failed messages, which come back and then reach the DLQ', async () => {
  const dlq = await createQueue(uniqueQueueName('partial-dlq'));
  const queue = await createQueue(uniqueQueueName('partial'), {
    VisibilityTimeout: '1',
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 2 }),
  });
  stub.answer = ({ event }) => ({
    payload: {
      batchItemFailures: event.Records.filter((record) => record.body.startsWith('bad')).map((record) => ({
        itemIdentifier: record.messageId,
      })),
    },
  });
  await sendBodies(queue, ['good-1', 'bad-1', 'good-2']);
  // No batching window: one as long as the visibility timeout would let a message come back while its batch fills.
  await startPoller(queue);

  const { Messages = [] } = await eventually(async () => {
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq.url, WaitTimeSeconds: 1 }));
    return received.Messages?.length ? received : undefined;
  });
  expect(Messages.map((message) => message.Body)).toEqual(['bad-1']);
  const bodies = bodiesOf(stub);
  expect(bodies.filter((body) => body.startsWith('good')).sort()).toEqual(['good-1', 'good-2']);
  // Received maxReceiveCount (2) times, each time after the visibility timeout; never deleted by the poller.
  expect(bodies.filter((body) => body === 'bad-1')).toHaveLength(2);
  const receiveCounts = stub.invocations
    .flatMap((invocation) => invocation.event.Records)
    .filter((record) => record.body === 'bad-1')
    .map((record) => record.attributes.ApproximateReceiveCount);
  expect(receiveCounts).toEqual(['1', '2']);
  expect(await messageCounts(queue)).toBe(0);
});

it.each([
  ['a function error', { functionError: { errorType: 'Error', errorMessage: 'boom' } }, true],
  [
    'a function error without ReportBatchItemFailures',
    { functionError: { errorType: 'Error', errorMessage: 'boom' } },
    false,
  ],
  ['an unknown itemIdentifier', { payload: { batchItemFailures: [{ itemIdentifier: 'not-in-batch' }] } }, true],
  ['a malformed batch response', { payload: { batchItemFailures: 'all of them' } }, true],
])(
  '%s leaves the whole batch to come back after the visibility timeout',
  async (_, failure, reportBatchItemFailures) => {
    const queue = await createQueue(uniqueQueueName('whole'), { VisibilityTimeout: '1' });
    let calls = 0;
    stub.answer = () => (++calls === 1 ? failure : { payload: null });
    await sendBodies(queue, ['m-1', 'm-2', 'm-3']);
    await startPoller(queue, { reportBatchItemFailures });

    await eventually(async () => bodiesOf(stub).length === 6 && (await messageCounts(queue)) === 0);
    const [first, ...retries] = stub.invocations;
    expect(first!.event.Records.map((record) => record.body).sort()).toEqual(['m-1', 'm-2', 'm-3']);
    const retried = retries.flatMap((invocation) => invocation.event.Records);
    expect(retried.map((record) => record.body).sort()).toEqual(['m-1', 'm-2', 'm-3']);
    expect(retried.map((record) => record.attributes.ApproximateReceiveCount)).toEqual(['2', '2', '2']);
    expect(retries[0]!.startedAt - first!.startedAt).toBeGreaterThanOrEqual(900);
  },
);

it('without ReportBatchItemFailures ignores a batchItemFailures answer and deletes the whole batch', async () => {
  const queue = await createQueue(uniqueQueueName('ignored-report'), { VisibilityTimeout: '1' });
  stub.answer = ({ event }) => ({ payload: { batchItemFailures: [{ itemIdentifier: event.Records[0]!.messageId }] } });
  await sendBodies(queue, ['only']);
  await startPoller(queue, { reportBatchItemFailures: false });
  await eventually(async () => stub.invocations.length === 1 && (await messageCounts(queue)) === 0);
});

it('respects batchSize, filling batches within the batching window', async () => {
  const queue = await createQueue(uniqueQueueName('batch-size'));
  const bodies = Array.from({ length: 25 }, (_, i) => `m-${i}`);
  await sendBodies(queue, bodies);
  await startPoller(queue, { batchSize: 12, maximumBatchingWindowSeconds: 1 });
  await eventually(() => bodiesOf(stub).length === 25);
  const sizes = stub.invocations.map((invocation) => invocation.event.Records.length);
  expect(Math.max(...sizes)).toBeLessThanOrEqual(12);
  // The window lets a batch grow past one receive's 10 messages.
  expect(Math.max(...sizes)).toBeGreaterThan(10);
  expect(bodiesOf(stub).sort()).toEqual([...bodies].sort());
  await eventually(async () => (await messageCounts(queue)) === 0);
});

it('invokes a message once with its newest receipt when it came back while its batch was filling', async () => {
  const queue = await createQueue(uniqueQueueName('window'), { VisibilityTimeout: '1' });
  await sendBodies(queue, ['once']);
  // One worker: with two, the other would receive the message when it comes back, as on AWS.
  await startPoller(queue, { maximumBatchingWindowSeconds: 2 }, 1);
  await eventually(async () => stub.invocations.length === 1 && (await messageCounts(queue)) === 0);
  const records = stub.invocations[0]!.event.Records;
  expect(records.map((record) => record.body)).toEqual(['once']);
  // It came back at least once during the 2 s window (twice if the machine is slow to answer the receives);
  // the copy invoked is the newest, whose receipt deleted it (the queue is empty).
  expect(Number(records[0]!.attributes.ApproximateReceiveCount)).toBeGreaterThanOrEqual(2);
});

it('keeps the order of each FIFO message group and never has two batches of a group in flight', async () => {
  const queue = await createQueue(uniqueQueueName('fifo', true), { FifoQueue: 'true', VisibilityTimeout: '2' });
  const bodies = ['a', 'b', 'c'].flatMap((group) => Array.from({ length: 5 }, (_, i) => `${group}-${i}`));
  let inFlight = 0;
  let maxInFlight = 0;
  let failedOnce = false;
  stub.answer = async ({ event }) => {
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    await new Promise((resolve) => setTimeout(resolve, 20));
    inFlight -= 1;
    // b-2 fails once: it and the rest of its group must come after, in order.
    const failAt = event.Records.findIndex((record) => record.body === 'b-2');
    if (failAt < 0 || failedOnce) return { payload: null };
    failedOnce = true;
    const rest = event.Records.filter((record, i) => i >= failAt && record.attributes.MessageGroupId === 'b');
    return { payload: { batchItemFailures: rest.map((record) => ({ itemIdentifier: record.messageId })) } };
  };
  await sendBodies(queue, bodies, (body) => body.split('-')[0]!);
  await startPoller(queue, { maximumBatchingWindowSeconds: 0 });

  await eventually(async () => (await messageCounts(queue)) === 0, 20_000);
  expect(maxInFlight).toBe(1);
  const delivered = stub.invocations.flatMap((invocation) =>
    invocation.event.Records.filter((record) => {
      // Count a message once: where it was finally processed (the failed b-2 is seen twice).
      return !(record.body === 'b-2' && record.attributes.ApproximateReceiveCount === '1');
    }),
  );
  for (const group of ['a', 'b', 'c']) {
    expect(
      delivered.filter((record) => record.attributes.MessageGroupId === group).map((record) => record.body),
    ).toEqual(Array.from({ length: 5 }, (_, i) => `${group}-${i}`));
  }
});

it('stop() waits for the invocation in flight, deletes its batch, and invokes nothing after', async () => {
  const queue = await createQueue(uniqueQueueName('stop'));
  stub.answer = async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { payload: null };
  };
  await sendBodies(queue, ['slow']);
  const poller = await startPoller(queue);
  await eventually(() => stub.invocations.length === 1);
  await poller.stop();
  expect(stub.invocations[0]!.endedAt).toBeDefined();
  expect(await messageCounts(queue)).toBe(0);

  await sendBodies(queue, ['after-stop']);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(stub.invocations).toHaveLength(1);
  expect(await messageCounts(queue)).toBe(1);
});

it('stop() ends a long poll at once', async () => {
  const queue = await createQueue(uniqueQueueName('idle'));
  const poller = createSqsPoller({
    spec: {
      functionLogicalId: 'OnEventLambdaFunction',
      functionName,
      kind: 'sqs',
      sourceArn: queue.arn,
      batchSize: 10,
      maximumBatchingWindowSeconds: 0,
      reportBatchItemFailures: true,
      enabled: true,
    },
    sqs,
    invoke,
    logger: quiet,
  });
  await poller.start(); // finds the queue URL from its ARN, then long-polls 20 s
  await new Promise((resolve) => setTimeout(resolve, 100));
  const started = Date.now();
  await poller.stop();
  expect(Date.now() - started).toBeLessThan(1000);
});
