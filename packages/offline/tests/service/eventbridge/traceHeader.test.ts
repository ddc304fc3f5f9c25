import {
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  type PutTargetsCommandInput,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { startEventBridge, type StartedEventBridge } from '../../../src/eventbridge';
import { toSqsRecord } from '../../../src/pollers/sqsEvent';
import { startSqs, type StartedSqs } from '../../../src/sqs/startSqs';

const region = 'us-east-1';
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const HEADER = 'Root=1-6745a1b2-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1';
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

async function createQueue(name: string) {
  const { QueueUrl } = await queues.send(new CreateQueueCommand({ QueueName: name }));
  const { Attributes } = await queues.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  return { url: QueueUrl!, arn: Attributes!.QueueArn! };
}

/** Receives one message as the offline SQS poller does (every attribute, system ones included). */
async function receiveOne(queueUrl: string): Promise<Message> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const { Messages = [] } = await queues.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 1,
        WaitTimeSeconds: 1,
        AttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    const [message] = Messages;
    if (message) {
      await queues.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
      return message;
    }
  }
  throw new Error(`no message on ${queueUrl}`);
}

async function route(rule: string, source: string, targets: PutTargetsCommandInput['Targets']) {
  await events.send(new PutRuleCommand({ Name: rule, EventPattern: JSON.stringify({ source: [source] }) }));
  await events.send(new PutTargetsCommand({ Rule: rule, Targets: targets }));
}

const put = (source: string, traceHeader?: string) =>
  events.send(
    new PutEventsCommand({
      Entries: [
        {
          Source: source,
          DetailType: 'Traced',
          Detail: JSON.stringify({ orderId: 'o-1' }),
          ...(traceHeader ? { TraceHeader: traceHeader } : {}),
        },
      ],
    }),
  );

describe('trace headers through the offline EventBridge and SQS', () => {
  it('shows the fauxqs gap: a SendMessage AWSTraceHeader system attribute is dropped', async () => {
    const queue = await createQueue('trace-gap');
    await queues.send(
      new SendMessageCommand({
        QueueUrl: queue.url,
        MessageBody: 'x',
        MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: HEADER } },
      }),
    );
    const message = await receiveOne(queue.url);
    // AWS would return Attributes.AWSTraceHeader here (docs/offline.md, "Trace headers").
    expect(message.Attributes?.AWSTraceHeader).toBeUndefined();
  });

  it("hands PutEvents' TraceHeader to an SQS target; the poller's record has it as attributes.AWSTraceHeader", async () => {
    const queue = await createQueue('trace-target');
    await route('traced', 'mesh.traced', [{ Id: 'q', Arn: queue.arn }]);
    const { Entries } = await put('mesh.traced', HEADER);
    const message = await receiveOne(queue.url);
    const record = toSqsRecord(message, queue.arn, region);

    expect(record.attributes.AWSTraceHeader).toBe(HEADER);
    // As on AWS: the header is not part of the event, and the function sees no extra message attribute.
    expect(record.messageAttributes).toEqual({});
    expect(record).not.toHaveProperty('md5OfMessageAttributes');
    expect(JSON.parse(record.body)).toEqual(
      expect.objectContaining({ id: Entries![0]!.EventId, detail: { orderId: 'o-1' } }),
    );
    expect(record.body).not.toContain('Root=');
  });

  it('delivers an event with an unreadable trace header, without the header (X-Ray drops it)', async () => {
    const queue = await createQueue('trace-invalid');
    await route('badly-traced', 'mesh.badly', [{ Id: 'q', Arn: queue.arn }]);
    await put('mesh.badly', 'Root=not-a-trace');
    const record = toSqsRecord(await receiveOne(queue.url), queue.arn, region);
    expect(record.attributes.AWSTraceHeader).toBeUndefined();
    expect(JSON.parse(record.body)).toMatchObject({ detail: { orderId: 'o-1' } });
  });

  it('passes no header for an event published without one', async () => {
    const queue = await createQueue('trace-none');
    await route('untraced', 'mesh.untraced', [{ Id: 'q', Arn: queue.arn }]);
    await put('mesh.untraced');
    const record = toSqsRecord(await receiveOne(queue.url), queue.arn, region);
    expect(record.attributes.AWSTraceHeader).toBeUndefined();
  });

  it("keeps the trace header on the copy sent to the target's dead-letter queue, beside the error attributes", async () => {
    const dlq = await createQueue('trace-dlq');
    const missing = `arn:aws:sqs:${region}:000000000000:trace-missing-queue`;
    await route('traced-to-nowhere', 'mesh.nowhere', [{ Id: 'q', Arn: missing, DeadLetterConfig: { Arn: dlq.arn } }]);
    await put('mesh.nowhere', HEADER);
    const record = toSqsRecord(await receiveOne(dlq.url), dlq.arn, region);
    expect(record.attributes.AWSTraceHeader).toBe(HEADER);
    expect(Object.keys(record.messageAttributes)).toEqual(
      expect.arrayContaining(['ERROR_CODE', 'ERROR_MESSAGE', 'RULE_ARN', 'TARGET_ARN']),
    );
    expect(record.messageAttributes).not.toHaveProperty('mesh.offline.AWSTraceHeader');
  });
});
