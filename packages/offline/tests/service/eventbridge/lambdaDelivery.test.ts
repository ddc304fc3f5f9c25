import {
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  type PutTargetsCommandInput,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { startEventBridge, type DeadLetteredHop, type DeliveredHop, type FailedHop } from '../../../src/eventbridge';
import { startSqs, type StartedSqs } from '../../../src/sqs/startSqs';
import { startLambdaStub, unusedPort, type LambdaStub } from './lambdaStub';

const region = 'us-east-1';
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const functionArn = (name: string) => `arn:aws:lambda:${region}:000000000000:function:${name}`;
let sqs: StartedSqs;
let lambda: LambdaStub;
let queues: SQSClient;

beforeAll(async () => {
  [sqs, lambda] = await Promise.all([startSqs(), startLambdaStub(['loans-dev-onBookLent'])]);
  queues = new SQSClient({ endpoint: sqs.endpoint, region, credentials });
});

afterAll(async () => {
  queues?.destroy();
  await Promise.all([lambda?.stop(), sqs?.stop()]);
});

/** An emulator with its own client; stopped after each test. */
async function emulatorFor(lambdaEndpoint: string) {
  const eventBridge = await startEventBridge({
    region,
    sqsEndpoint: sqs.endpoint,
    lambdaEndpoint,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
  });
  const client = new EventBridgeClient({ endpoint: eventBridge.url, region, credentials });
  return { eventBridge, client, stop: async () => (client.destroy(), await eventBridge.stop()) };
}

async function deadLetterQueue(name: string) {
  const { QueueUrl } = await queues.send(new CreateQueueCommand({ QueueName: name }));
  const { Attributes } = await queues.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  return { url: QueueUrl!, arn: Attributes!.QueueArn! };
}

async function receiveOne(queueUrl: string): Promise<Message> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const { Messages = [] } = await queues.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 1, MessageAttributeNames: ['All'] }),
    );
    if (Messages[0]) return Messages[0];
  }
  throw new Error(`no message on ${queueUrl}`);
}

async function route(client: EventBridgeClient, targets: PutTargetsCommandInput['Targets']) {
  await client.send(new PutRuleCommand({ Name: 'loans', EventPattern: '{"source":["mesh.loans"]}' }));
  await client.send(new PutTargetsCommand({ Rule: 'loans', Targets: targets }));
  const { Entries } = await client.send(
    new PutEventsCommand({
      Entries: [{ Source: 'mesh.loans', DetailType: 'BookLent', Detail: JSON.stringify({ orderId: 'o-1' }) }],
    }),
  );
  return Entries![0]!.EventId!;
}

describe('delivery to Lambda', () => {
  it('invokes the function asynchronously with the event', async () => {
    const { eventBridge, client, stop } = await emulatorFor(lambda.endpoint);
    const delivered: DeliveredHop[] = [];
    eventBridge.emulator.on('delivered', (hop) => delivered.push(hop));
    try {
      const eventId = await route(client, [{ Id: 'fn', Arn: functionArn('loans-dev-onBookLent') }]);
      const [invocation] = await lambda.waitFor(1);
      expect(invocation).toMatchObject({
        functionName: 'loans-dev-onBookLent',
        invocationType: 'Event',
        payload: { id: eventId, source: 'mesh.loans', 'detail-type': 'BookLent', detail: { orderId: 'o-1' } },
      });
      await eventBridge.emulator.idle();
      expect(delivered).toEqual([
        expect.objectContaining({
          targetId: 'fn',
          attempt: 1,
          ruleName: 'loans',
          event: expect.objectContaining({ id: eventId }),
        }),
      ]);
    } finally {
      await stop();
    }
  });

  it('retries an unreachable function endpoint, then dead-letters the event with the error attributes', async () => {
    const { eventBridge, client, stop } = await emulatorFor(`http://127.0.0.1:${await unusedPort()}`);
    const failed: FailedHop[] = [];
    const deadLettered: DeadLetteredHop[] = [];
    eventBridge.emulator.on('failed', (hop) => failed.push(hop));
    eventBridge.emulator.on('dead-lettered', (hop) => deadLettered.push(hop));
    const dlq = await deadLetterQueue('unreachable-dlq');
    try {
      const arn = functionArn('loans-dev-onBookLent');
      const eventId = await route(client, [
        { Id: 'fn', Arn: arn, RetryPolicy: { MaximumRetryAttempts: 2 }, DeadLetterConfig: { Arn: dlq.arn } },
      ]);
      const message = await receiveOne(dlq.url);
      expect(JSON.parse(message.Body!).id).toBe(eventId);
      const attribute = (name: string) => message.MessageAttributes?.[name]?.StringValue;
      expect(attribute('ERROR_CODE')).toBe('SDK_CLIENT_ERROR');
      expect(attribute('ERROR_MESSAGE')).toBeTruthy();
      expect(attribute('EXHAUSTED_RETRY_CONDITION')).toBe('MaximumRetryAttempts');
      expect(attribute('RETRY_ATTEMPTS')).toBe('2');
      expect(attribute('RULE_ARN')).toBe(`arn:aws:events:${region}:000000000000:rule/loans`);
      expect(attribute('TARGET_ARN')).toBe(arn);

      await eventBridge.emulator.idle();
      expect(failed.map((f) => [f.attempt, f.willRetry])).toEqual([
        [1, true],
        [2, true],
        [3, false],
      ]);
      expect(deadLettered).toEqual([expect.objectContaining({ deadLetterArn: dlq.arn, attempt: 3 })]);
    } finally {
      await stop();
    }
  });

  it('dead-letters at once, without retrying, when the function does not exist', async () => {
    const { eventBridge, client, stop } = await emulatorFor(lambda.endpoint);
    const failed: FailedHop[] = [];
    eventBridge.emulator.on('failed', (hop) => failed.push(hop));
    const dlq = await deadLetterQueue('missing-function-dlq');
    try {
      await route(client, [{ Id: 'fn', Arn: functionArn('no-such-function'), DeadLetterConfig: { Arn: dlq.arn } }]);
      const message = await receiveOne(dlq.url);
      expect(message.MessageAttributes?.ERROR_CODE?.StringValue).toBe('RESOURCE_NOT_FOUND');
      expect(message.MessageAttributes?.RETRY_ATTEMPTS?.StringValue).toBe('0');
      await eventBridge.emulator.idle();
      expect(failed).toEqual([
        expect.objectContaining({ attempt: 1, willRetry: false, errorCode: 'RESOURCE_NOT_FOUND' }),
      ]);
    } finally {
      await stop();
    }
  });
});
