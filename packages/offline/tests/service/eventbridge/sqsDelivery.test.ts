import {
  CreateArchiveCommand,
  DescribeReplayCommand,
  EventBridgeClient,
  ListReplaysCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  StartReplayCommand,
  type PutTargetsCommandInput,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { startEventBridge, type StartedEventBridge } from '../../../src/eventbridge';
import { startSqs, type StartedSqs } from '../../../src/sqs/startSqs';

const region = 'us-east-1';
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
let sqs: StartedSqs;
let eventBridge: StartedEventBridge;
let events: EventBridgeClient;
let queues: SQSClient;

beforeAll(async () => {
  sqs = await startSqs();
  eventBridge = await startEventBridge({
    region,
    sqsEndpoint: sqs.endpoint,
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
  });
  events = new EventBridgeClient({ endpoint: eventBridge.url, region, credentials });
  queues = new SQSClient({ endpoint: sqs.endpoint, region, credentials });
});

afterAll(async () => {
  events?.destroy();
  queues?.destroy();
  await eventBridge?.stop();
  await sqs?.stop();
});

async function createQueue(name: string, attributes: Record<string, string> = {}) {
  const { QueueUrl } = await queues.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  const { Attributes } = await queues.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  return { url: QueueUrl!, arn: Attributes!.QueueArn! };
}

/** Receives until `count` messages arrived (fauxqs gives one message per FIFO group per receive). */
async function receive(queueUrl: string, count: number): Promise<Message[]> {
  const messages: Message[] = [];
  const deadline = Date.now() + 10_000;
  while (messages.length < count && Date.now() < deadline) {
    const { Messages = [] } = await queues.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        MessageAttributeNames: ['All'],
      }),
    );
    for (const message of Messages) {
      messages.push(message);
      await queues.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
    }
  }
  return messages;
}

async function route(rule: string, source: string, targets: PutTargetsCommandInput['Targets']) {
  await events.send(new PutRuleCommand({ Name: rule, EventPattern: JSON.stringify({ source: [source] }) }));
  await events.send(new PutTargetsCommand({ Rule: rule, Targets: targets }));
}

const put = (source: string, details: object[]) =>
  events.send(
    new PutEventsCommand({
      Entries: details.map((detail) => ({ Source: source, DetailType: 'Tested', Detail: JSON.stringify(detail) })),
    }),
  );

describe('delivery to SQS', () => {
  it('delivers a matched event to a standard queue as the EventBridge event JSON', async () => {
    const queue = await createQueue('standard-target');
    await route('to-standard', 'mesh.standard', [{ Id: 'q', Arn: queue.arn }]);
    const { Entries } = await put('mesh.standard', [{ orderId: 'o-1' }]);
    const [message] = await receive(queue.url, 1);
    expect(JSON.parse(message!.Body!)).toEqual({
      version: '0',
      id: Entries![0]!.EventId,
      'detail-type': 'Tested',
      source: 'mesh.standard',
      account: '000000000000',
      time: expect.any(String),
      region,
      resources: [],
      detail: { orderId: 'o-1' },
    });
  });

  it('delivers to a FIFO queue with the target MessageGroupId, in order', async () => {
    const queue = await createQueue('commands.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
    await route('to-fifo', 'mesh.fifo', [{ Id: 'q', Arn: queue.arn, SqsParameters: { MessageGroupId: 'isbn-1' } }]);
    await put('mesh.fifo', [{ n: 1 }, { n: 2 }, { n: 3 }]);
    const messages = await receive(queue.url, 3);
    expect(messages.map((m) => JSON.parse(m.Body!).detail.n)).toEqual([1, 2, 3]);
  });

  it('sends InputPath and InputTransformer renderings as the message body', async () => {
    const queue = await createQueue('transformed');
    await route('to-transformed', 'mesh.transformed', [
      { Id: 'path', Arn: queue.arn, InputPath: '$.detail.order' },
      {
        Id: 'template',
        Arn: queue.arn,
        InputTransformer: {
          InputPathsMap: { id: '$.detail.order.id', total: '$.detail.order.total' },
          InputTemplate: '{"orderId": <id>, "text": "order <id> costs <total>", "rule": <aws.events.rule-name>}',
        },
      },
    ]);
    await put('mesh.transformed', [{ order: { id: 'o-7', total: 42 } }]);
    const bodies = (await receive(queue.url, 2)).map((m) => JSON.parse(m.Body!));
    expect(bodies).toEqual(
      expect.arrayContaining([
        { id: 'o-7', total: 42 },
        { orderId: 'o-7', text: 'order o-7 costs 42', rule: 'to-transformed' },
      ]),
    );
  });

  it('dead-letters an event a FIFO queue without content-based deduplication refuses, with the error attributes', async () => {
    const fifo = await createQueue('no-dedup.fifo', { FifoQueue: 'true' });
    const dlq = await createQueue('no-dedup-dlq');
    await route('to-no-dedup', 'mesh.nodedup', [
      {
        Id: 'q',
        Arn: fifo.arn,
        SqsParameters: { MessageGroupId: 'g' },
        RetryPolicy: { MaximumRetryAttempts: 1 },
        DeadLetterConfig: { Arn: dlq.arn },
      },
    ]);
    const { Entries } = await put('mesh.nodedup', [{ n: 1 }]);
    const [dead] = await receive(dlq.url, 1);
    expect(JSON.parse(dead!.Body!).id).toBe(Entries![0]!.EventId);
    const attributes = dead!.MessageAttributes!;
    expect(attributes.RULE_ARN?.StringValue).toBe('arn:aws:events:us-east-1:000000000000:rule/to-no-dedup');
    expect(attributes.TARGET_ARN?.StringValue).toBe(fifo.arn);
    expect(attributes.ERROR_CODE?.StringValue).toBe('SDK_CLIENT_ERROR');
    expect(attributes.ERROR_MESSAGE?.StringValue).toMatch(/dedup/i);
    expect(attributes.RETRY_ATTEMPTS?.StringValue).toBe('0');
    const { Messages = [] } = await queues.send(new ReceiveMessageCommand({ QueueUrl: fifo.url, WaitTimeSeconds: 0 }));
    expect(Messages).toEqual([]);
  });
});

describe('archive and replay', () => {
  it('replays the archived events of a time window to the chosen rule, marked with replay-name', async () => {
    const busArn = 'arn:aws:events:us-east-1:000000000000:event-bus/default';
    const { ArchiveArn } = await events.send(
      new CreateArchiveCommand({
        ArchiveName: 'replayable',
        EventSourceArn: busArn,
        EventPattern: JSON.stringify({ source: ['mesh.replayed'] }),
      }),
    );
    const queue = await createQueue('replay-target');
    await route('to-replay-target', 'mesh.replayed', [{ Id: 'q', Arn: queue.arn }]);
    const windowStart = new Date(Date.now() - 2_000);
    const { Entries } = await put('mesh.replayed', [{ n: 1 }, { n: 2 }]);
    const live = await receive(queue.url, 2);
    expect(live.every((m) => JSON.parse(m.Body!)['replay-name'] === undefined)).toBe(true);

    const started = await events.send(
      new StartReplayCommand({
        ReplayName: 'again',
        EventSourceArn: ArchiveArn,
        EventStartTime: windowStart,
        EventEndTime: new Date(Date.now() + 2_000),
        Destination: {
          Arn: busArn,
          FilterArns: ['arn:aws:events:us-east-1:000000000000:rule/to-replay-target'],
        },
      }),
    );
    expect(started.State).toBe('STARTING');

    const replayed = (await receive(queue.url, 2)).map((m) => JSON.parse(m.Body!));
    expect(replayed.map((e) => e['replay-name'])).toEqual(['again', 'again']);
    expect(replayed.map((e) => e.id).sort()).toEqual(Entries!.map((e) => e.EventId).sort());

    await eventBridge.emulator.idle();
    const described = await events.send(new DescribeReplayCommand({ ReplayName: 'again' }));
    expect(described).toMatchObject({ State: 'COMPLETED', EventSourceArn: ArchiveArn });
    expect(described.ReplayEndTime).toBeInstanceOf(Date);
    expect((await events.send(new ListReplaysCommand({}))).Replays?.map((r) => r.ReplayName)).toEqual(['again']);
  });
});
