// @mesh/bus's dead letters on the real offline SQS (fauxqs behind the edge), through the real SDK v3 client and the
// offline event source mapping, with the subscriber or command handler invoked in process.
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { makeCommand, makeEvent } from '@mesh/testing';
import {
  commandHandler,
  DEAD_LETTER_ATTRIBUTES as A,
  handle,
  observe,
  PermanentError,
  subscriber,
  type SqsBatchHandler,
} from '@mesh/bus';
import { createSqsPoller, startEdge, startSqs, type SqsPoller, type StartedEdge, type StartedSqs } from '../../../src';
import { BookLent, ReleaseCopy, ReserveCopy } from '../../helpers/fixtureContracts';

let sqs: StartedSqs;
let edge: StartedEdge;
let client: SQSClient;
const pollers: SqsPoller[] = [];
const silent = { debug() {}, info() {}, warn() {}, error() {} } as never;
let counter = 0;

beforeAll(async () => {
  sqs = await startSqs();
  edge = await startEdge({ port: 0, routes: { sqs: sqs.endpoint, s3: sqs.endpoint } });
  client = new SQSClient({
    endpoint: edge.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
}, 60_000);

afterEach(async () => {
  await Promise.all(pollers.splice(0).map((poller) => poller.stop()));
});

afterAll(async () => {
  client?.destroy();
  await edge?.stop();
  await sqs?.stop();
});

interface QueuePair {
  url: string;
  arn: string;
  dlqUrl: string;
}

/** A queue and its DLQ as the declarations make them: RedrivePolicy with `maxReceiveCount`. */
async function queuePair(prefix: string, maxReceiveCount: number, fifo = false): Promise<QueuePair> {
  counter += 1;
  const name = `${prefix}-${process.pid}-${counter}`;
  const suffix = fifo ? '.fifo' : '';
  const fifoAttributes = fifo ? { FifoQueue: 'true' } : {};
  const { QueueUrl: dlqUrl } = await client.send(
    new CreateQueueCommand({ QueueName: `${name}-dlq${suffix}`, Attributes: fifoAttributes }),
  );
  const dlqArn = await arnOf(dlqUrl!);
  const { QueueUrl: url } = await client.send(
    new CreateQueueCommand({
      QueueName: `${name}${suffix}`,
      Attributes: {
        ...fifoAttributes,
        // One second apart, so a retried message comes back quickly; nothing below waits on a clock.
        VisibilityTimeout: '1',
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount }),
      },
    }),
  );
  return { url: url!, arn: await arnOf(url!), dlqUrl: dlqUrl! };
}

async function arnOf(url: string): Promise<string> {
  const { Attributes } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );
  return Attributes!.QueueArn!;
}

/** The offline event source mapping of `queue`, invoking `handler` in this process. */
async function consume(queue: QueuePair, handler: SqsBatchHandler): Promise<void> {
  const poller = createSqsPoller({
    spec: {
      functionLogicalId: 'ConsumerLambdaFunction',
      functionName: 'consumer',
      kind: 'sqs',
      sourceArn: queue.arn,
      queueUrl: queue.url,
      batchSize: 10,
      maximumBatchingWindowSeconds: 0,
      reportBatchItemFailures: true,
      enabled: true,
    },
    sqs: client,
    invoke: (_name, event) => handler(event as never),
    waitTimeSeconds: 1,
    errorBackoffMs: 50,
    logger: { warn() {}, error() {} },
  });
  pollers.push(poller);
  await poller.start();
}

/** Long-polls the DLQ as an operator would (every attribute) until `count` dead letters have arrived. */
async function deadLetters(dlqUrl: string, count: number): Promise<Message[]> {
  const found: Message[] = [];
  while (found.length < count) {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: dlqUrl,
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

const attribute = (message: Message, name: string) => message.MessageAttributes?.[name]?.StringValue;

async function messagesLeft(url: string): Promise<number> {
  const { Attributes = {} } = await client.send(
    new GetQueueAttributesCommand({
      QueueUrl: url,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible);
}

function loanSubscriber(queue: QueuePair, maxReceiveCount: number, observer: () => Promise<void>) {
  return subscriber({
    name: 'members-loan-events',
    observers: [observe(BookLent, observer, { name: 'onBookLent' })],
    deadLetter: { queueUrl: queue.dlqUrl, maxReceiveCount, client },
    logger: silent,
  });
}

it('moves a contract-breaking event to its DLQ after one receive, its reason readable by a plain receive', async () => {
  const queue = await queuePair('contract', 5);
  const observed = jest.fn(async () => {});
  await consume(queue, loanSubscriber(queue, 5, observed));
  const broken = makeEvent(BookLent, { eventId: 'e-broken', correlationId: 'cor-broken' });
  (broken.detail.data as { books: unknown[] }).books = [];

  await client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: JSON.stringify(broken) }));
  const [dead] = await deadLetters(queue.dlqUrl, 1);

  expect(JSON.parse(dead!.Body!)).toEqual(broken);
  expect(attribute(dead!, A.failureKind)).toBe('permanent');
  expect(attribute(dead!, A.reason)).toMatch(/^ContractViolationError: BookLent violates its contract: data.books/);
  expect(attribute(dead!, A.receiveCount)).toBe('1');
  expect(attribute(dead!, A.consumer)).toBe('members-loan-events');
  expect(attribute(dead!, A.sourceQueue)).toBe(queue.arn);
  expect(attribute(dead!, A.eventId)).toBe('e-broken');
  expect(attribute(dead!, A.correlationId)).toBe('cor-broken');
  expect(Number.isNaN(Date.parse(attribute(dead!, A.failedAt)!))).toBe(false);
  expect(observed).not.toHaveBeenCalled();
  expect(await messagesLeft(queue.url)).toBe(0);
}, 60_000);

it('moves a retriable failure on its last allowed receive, with the reason and the receive count', async () => {
  const queue = await queuePair('retriable', 3);
  let calls = 0;
  await consume(
    queue,
    loanSubscriber(queue, 3, async () => {
      calls += 1;
      throw new Error('lending register unavailable');
    }),
  );

  await client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: JSON.stringify(makeEvent(BookLent)) }));
  const [dead] = await deadLetters(queue.dlqUrl, 1);

  expect(attribute(dead!, A.failureKind)).toBe('retries-exhausted');
  expect(attribute(dead!, A.reason)).toBe('Error: lending register unavailable');
  expect(attribute(dead!, A.observer)).toBe('onBookLent');
  expect(attribute(dead!, A.receiveCount)).toBe('3');
  expect(calls).toBe(3);
  expect(await messagesLeft(queue.url)).toBe(0);
}, 60_000);

it('lets a FIFO group go on past its poison message, in order, the dead letter keeping its group', async () => {
  const queue = await queuePair('fifo', 5, true);
  const handled: string[] = [];
  const handler = commandHandler({
    name: 'catalog-commands',
    routes: [
      handle(ReserveCopy, async (command) => void handled.push(command.commandId)),
      handle(ReleaseCopy, async () => {
        throw new PermanentError('nothing was reserved');
      }),
    ],
    deadLetter: { queueUrl: queue.dlqUrl, maxReceiveCount: 5, client },
    logger: silent,
  });
  const commands = [
    makeCommand(ReserveCopy, { commandId: 'c1' }),
    makeCommand(ReleaseCopy, { commandId: 'c2-poison' }),
    makeCommand(ReserveCopy, { commandId: 'c3' }),
    makeCommand(ReserveCopy, { commandId: 'c4' }),
  ];
  // Sent before anyone consumes, in order: the group is one FIFO sequence.
  for (const command of commands) {
    await client.send(
      new SendMessageCommand({
        QueueUrl: queue.url,
        MessageBody: JSON.stringify(command),
        MessageGroupId: 'loan-1',
        MessageDeduplicationId: command.commandId,
      }),
    );
  }
  await consume(queue, handler);

  const [dead] = await deadLetters(queue.dlqUrl, 1);
  expect(JSON.parse(dead!.Body!).commandId).toBe('c2-poison');
  expect(dead!.Attributes?.MessageGroupId).toBe('loan-1');
  expect(attribute(dead!, A.reason)).toBe('PermanentError: nothing was reserved');
  expect(attribute(dead!, A.receiveCount)).toBe('1');
  while ((await messagesLeft(queue.url)) > 0) await new Promise((resolve) => setImmediate(resolve));
  expect(handled).toEqual(['c1', 'c3', 'c4']);
}, 60_000);
