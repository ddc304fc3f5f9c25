import path from 'node:path';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import {
  CreateEventBusCommand,
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { event, EventPublisher, type SqsBatchHandler } from '@mesh/bus';
import { OrderCancelled, OrderPlaced, StockReserved, type EventBridgeEvent } from '@mesh/contracts';
import {
  startDynamoDb,
  startEventBridge,
  startSqs,
  type StartedDynamoDb,
  type StartedEventBridge,
  type StartedSqs,
  type EventBridgeEvent as BusEvent,
} from '@mesh/offline';
import { lambdaContext, packageService, sqsEvent, sqsRecord, type CloudFormationTemplate } from '@mesh/testing';

/**
 * The real order-events handler, in process, against DynamoDB Local, fauxqs (SQS + S3) and the offline
 * EventBridge: events travel from a publisher through the packaged rule to the subscriber's queue, and what
 * payments publishes is seen on the bus. Every AWS client in the handler finds the emulators through the
 * SDK's own `AWS_ENDPOINT_URL_<SERVICE>` variables, so the code under test is the deployed code.
 */
const region = 'us-east-1';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const busName = 'mesh-test';
const bucket = 'payments-receipts-test';

let dynamo: StartedDynamoDb;
let sqs: StartedSqs;
let eventBridge: StartedEventBridge;
let template: CloudFormationTemplate;
let ddb: DynamoDBClient;
let s3: S3Client;
let queues: SQSClient;
let bus: EventPublisher;
let queueUrl: string;
let tableName: string;
let handler: SqsBatchHandler;
const publishedByPayments: BusEvent[] = [];
const savedEnv = { ...process.env };

beforeAll(async () => {
  [dynamo, sqs, template] = await Promise.all([
    startDynamoDb(),
    startSqs(),
    packageService(path.resolve(__dirname, '../..'), 'test'),
  ]);
  eventBridge = await startEventBridge({ region, sqsEndpoint: sqs.endpoint, retry: { baseDelayMs: 10 } });
  eventBridge.emulator.on('published', (hop) => {
    if (hop.event.source === 'mesh.payments') publishedByPayments.push(hop.event);
  });

  ddb = new DynamoDBClient({ endpoint: dynamo.endpoint, region, credentials });
  s3 = new S3Client({ endpoint: sqs.endpoint, region, credentials, forcePathStyle: true });
  queues = new SQSClient({ endpoint: sqs.endpoint, region, credentials });
  const events = new EventBridgeClient({ endpoint: eventBridge.url, region, credentials });
  bus = new EventPublisher({ eventBusName: busName, client: events });

  tableName = await createTableFromTemplate();
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  queueUrl = await routeSubscriptionToQueue(events);
  events.destroy();

  Object.assign(process.env, {
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_S3: sqs.endpoint,
    AWS_ENDPOINT_URL_EVENTBRIDGE: eventBridge.url,
    PAYMENTS_TABLE: tableName,
    RECEIPTS_BUCKET: bucket,
    EVENT_BUS_NAME: busName,
    PAYMENT_PROVIDER: 'fake',
  });
  // Imported only now: the handler reads its environment at cold start, as in Lambda.
  ({ handler } = await import('../../src/functions/orderEvents/handler'));
}, 180_000);

afterAll(async () => {
  process.env = savedEnv;
  ddb?.destroy();
  s3?.destroy();
  queues?.destroy();
  await eventBridge?.stop();
  await Promise.all([sqs?.stop(), dynamo?.stop()]);
});

/** The table exactly as the packaged template declares it: no second schema to drift. */
async function createTableFromTemplate(): Promise<string> {
  const table = template.Resources.PaymentsTable!.Properties as unknown as CreateTableCommandInput & {
    TimeToLiveSpecification: { AttributeName: string; Enabled: boolean };
  };
  const { TableName, AttributeDefinitions, KeySchema, BillingMode, TimeToLiveSpecification } = table;
  await ddb.send(new CreateTableCommand({ TableName, AttributeDefinitions, KeySchema, BillingMode }));
  await ddb.send(new UpdateTimeToLiveCommand({ TableName, TimeToLiveSpecification }));
  return TableName!;
}

/** The subscription's rule, with its packaged pattern, delivering to a queue standing for the subscriber's. */
async function routeSubscriptionToQueue(events: EventBridgeClient): Promise<string> {
  const rule = template.Resources.OrderEventsRule!.Properties as unknown as { EventPattern: object };
  const { QueueUrl } = await queues.send(new CreateQueueCommand({ QueueName: 'payments-test-order-events' }));
  const { Attributes } = await queues.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  await events.send(new CreateEventBusCommand({ Name: busName }));
  await events.send(
    new PutRuleCommand({
      Name: 'order-events',
      EventBusName: busName,
      EventPattern: JSON.stringify(rule.EventPattern),
    }),
  );
  await events.send(
    new PutTargetsCommand({
      Rule: 'order-events',
      EventBusName: busName,
      Targets: [{ Id: 'queue', Arn: Attributes!.QueueArn! }],
    }),
  );
  return QueueUrl!;
}

/** Receives (and deletes) `count` messages of the subscriber's queue, as the event source mapping would. */
async function receive(count: number): Promise<Message[]> {
  const messages: Message[] = [];
  const deadline = Date.now() + 15_000;
  while (messages.length < count && Date.now() < deadline) {
    const { Messages = [] } = await queues.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    for (const message of Messages) {
      messages.push(message);
      await queues.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
    }
  }
  expect(messages).toHaveLength(count);
  return messages;
}

/** Hands SQS messages to the real handler in one batch, as Lambda would; `receiveCount` marks a redelivery. */
const deliver = (messages: Message[], receiveCount = 1) =>
  handler(
    sqsEvent(messages.map((m) => sqsRecord(m.Body!, { messageId: m.MessageId!, receiveCount }))),
    lambdaContext('payments-test-orderEvents'),
  );

const detailTypeOf = (message: Message) => (JSON.parse(message.Body!) as EventBridgeEvent)['detail-type'];

async function publishOrder(orderId: string, amount: number) {
  const trace = { correlationId: `cor-${orderId}`, causationId: `req-${orderId}` };
  const total = { amount, currency: 'EUR' };
  await bus.publish([
    event(OrderPlaced, { ...OrderPlaced.example, orderId, total }, trace),
    event(StockReserved, { ...StockReserved.example, orderId }, trace),
  ]);
  const messages = await receive(2);
  return {
    placed: messages.find((m) => detailTypeOf(m) === OrderPlaced.detailType)!,
    reserved: messages.find((m) => detailTypeOf(m) === StockReserved.detailType)!,
  };
}

async function paymentOf(orderId: string) {
  const { Item } = await ddb.send(
    new GetItemCommand({ TableName: tableName, Key: { pk: { S: `PAYMENT#${orderId}` }, sk: { S: 'PAYMENT' } } }),
  );
  return Item && unmarshall(Item);
}

const paymentsEventsFor = (orderId: string) =>
  publishedByPayments.filter((e) => (e.detail as { data: { orderId: string } }).data.orderId === orderId);

async function waitForIdleBus() {
  await eventBridge.emulator.idle();
}

describe('payments order-events on the offline mesh', () => {
  it('captures once, writes one receipt and publishes one PaymentCaptured when StockReserved is delivered twice', async () => {
    const orderId = `ord-dup-${process.pid}`;
    const { placed, reserved } = await publishOrder(orderId, 2500);

    expect(await deliver([placed])).toEqual({ batchItemFailures: [] });
    expect(await deliver([reserved])).toEqual({ batchItemFailures: [] });
    // SQS redelivers the very same message (a lost delete, a visibility timeout): nothing happens twice.
    expect(await deliver([reserved], 2)).toEqual({ batchItemFailures: [] });
    await waitForIdleBus();

    const payment = await paymentOf(orderId);
    // PENDING (1) → CAPTURING (2) → CAPTURED (3) → announced (4): one claim, one decision.
    expect(payment).toMatchObject({ status: 'CAPTURED', version: 4, outcomePublished: true });

    const captured = paymentsEventsFor(orderId);
    expect(captured).toHaveLength(1);
    expect(captured[0]).toMatchObject({
      source: 'mesh.payments',
      'detail-type': 'PaymentCaptured',
      detail: {
        correlationId: `cor-${orderId}`,
        causationId: (JSON.parse(reserved.Body!) as EventBridgeEvent<unknown>).detail.eventId,
        data: {
          orderId,
          paymentId: payment!.paymentId,
          amount: { amount: 2500, currency: 'EUR' },
          receiptKey: `receipts/${orderId}.json`,
        },
      },
    });

    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `receipts/${orderId}` }));
    expect(listed.Contents?.map((o) => o.Key)).toEqual([`receipts/${orderId}.json`]);
    const receipt = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: `receipts/${orderId}.json` }));
    expect(JSON.parse(await receipt.Body!.transformToString())).toEqual({
      orderId,
      customerId: OrderPlaced.example.customerId,
      paymentId: payment!.paymentId,
      amount: { amount: 2500, currency: 'EUR' },
      capturedAt: payment!.decidedAt,
    });
  });

  it('keeps its idempotency records beside the payments, under the single-table keys, with an expiry', async () => {
    const { Items = [] } = await ddb.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: 'IDEMPOTENCY' } },
      }),
    );
    const records = Items.map((item) => unmarshall(item));
    expect(records.length).toBeGreaterThanOrEqual(2);
    for (const record of records) {
      expect(record).toMatchObject({ pk: 'IDEMPOTENCY', status: 'COMPLETED', expiration: expect.any(Number) });
    }
  });

  it('retries a StockReserved that came before OrderPlaced, then captures it', async () => {
    const orderId = `ord-early-${process.pid}`;
    const { placed, reserved } = await publishOrder(orderId, 4200);

    const early = await deliver([reserved]);
    expect(early.batchItemFailures).toEqual([{ itemIdentifier: reserved.MessageId }]);
    expect(await paymentOf(orderId)).toBeUndefined();

    expect(await deliver([placed])).toEqual({ batchItemFailures: [] });
    expect(await deliver([reserved], 2)).toEqual({ batchItemFailures: [] });
    await waitForIdleBus();

    expect(await paymentOf(orderId)).toMatchObject({ status: 'CAPTURED' });
    expect(paymentsEventsFor(orderId).map((e) => e['detail-type'])).toEqual(['PaymentCaptured']);
  });

  it('publishes PaymentDeclined for 10.13 EUR and writes no receipt', async () => {
    const orderId = `ord-declined-${process.pid}`;
    const { placed, reserved } = await publishOrder(orderId, 1013);

    expect(await deliver([placed, reserved])).toEqual({ batchItemFailures: expect.any(Array) });
    // In one batch the two may race; whatever failed comes back and succeeds.
    expect(await deliver([reserved], 2)).toEqual({ batchItemFailures: [] });
    await waitForIdleBus();

    expect(paymentsEventsFor(orderId)).toEqual([
      expect.objectContaining({
        'detail-type': 'PaymentDeclined',
        detail: expect.objectContaining({
          data: { orderId, amount: { amount: 1013, currency: 'EUR' }, reason: 'card declined' },
        }),
      }),
    ]);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `receipts/${orderId}` }));
    expect(listed.Contents ?? []).toHaveLength(0);
  });
});

describe('payments when an order is cancelled, on the offline mesh', () => {
  async function publishCancel(orderId: string) {
    const trace = { correlationId: `cor-${orderId}`, causationId: `req-cancel-${orderId}` };
    const data = { orderId, customerId: OrderPlaced.example.customerId, reason: 'CUSTOMER_REQUEST' as const };
    await bus.publish([event(OrderCancelled, data, trace)]);
    const [cancelled] = await receive(1);
    return cancelled!;
  }

  it('voids a payment cancelled before its capture: a later StockReserved charges nothing', async () => {
    const orderId = `ord-void-${process.pid}`;
    const { placed, reserved } = await publishOrder(orderId, 2500);
    const cancelled = await publishCancel(orderId);

    expect(await deliver([placed])).toEqual({ batchItemFailures: [] });
    expect(await deliver([cancelled])).toEqual({ batchItemFailures: [] });
    expect(await deliver([reserved])).toEqual({ batchItemFailures: [] });
    await waitForIdleBus();

    expect(await paymentOf(orderId)).toMatchObject({ status: 'CANCELLED', cancelledAt: expect.any(String) });
    expect(paymentsEventsFor(orderId)).toEqual([]);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `receipts/${orderId}` }));
    expect(listed.Contents ?? []).toHaveLength(0);
  });

  it('refunds a payment captured before the cancellation arrived, once, and tells the mesh', async () => {
    const orderId = `ord-refund-${process.pid}`;
    const { placed, reserved } = await publishOrder(orderId, 3100);
    expect(await deliver([placed])).toEqual({ batchItemFailures: [] });
    expect(await deliver([reserved])).toEqual({ batchItemFailures: [] });
    const cancelled = await publishCancel(orderId);

    expect(await deliver([cancelled])).toEqual({ batchItemFailures: [] });
    expect(await deliver([cancelled], 2)).toEqual({ batchItemFailures: [] });
    await waitForIdleBus();

    const payment = await paymentOf(orderId);
    expect(payment).toMatchObject({ status: 'REFUNDED', refundPublished: true, refundId: expect.any(String) });
    expect(paymentsEventsFor(orderId).map((e) => e['detail-type'])).toEqual(['PaymentCaptured', 'PaymentRefunded']);
    expect(paymentsEventsFor(orderId)[1]).toMatchObject({
      detail: {
        correlationId: `cor-${orderId}`,
        causationId: (JSON.parse(cancelled.Body!) as EventBridgeEvent<unknown>).detail.eventId,
        data: {
          orderId,
          customerId: OrderPlaced.example.customerId,
          paymentId: payment!.paymentId,
          refundId: payment!.refundId,
          amount: { amount: 3100, currency: 'EUR' },
        },
      },
    });
  });
});

describe('the DynamoDB payment store on DynamoDB Local', () => {
  it('creates a payment only once and refuses a write over a stale version or status', async () => {
    const { DynamoPaymentStore } = await import('../../src/store/DynamoPaymentStore');
    const { paymentModel } = await import('../../src/store/paymentsTable');
    const { claimCapture, decideCapture, pendingPayment } = await import('../../src/domain/Payment');
    const payments = new DynamoPaymentStore(paymentModel(tableName));
    const now = new Date();
    const pending = pendingPayment({ ...OrderPlaced.example, orderId: `ord-store-${process.pid}` }, now.toISOString());

    expect(await payments.create(pending)).toBe(true);
    expect(await payments.create({ ...pending, amount: { amount: 1, currency: 'EUR' } })).toBe(false);
    const claimed = claimCapture(pending, now);
    expect(await payments.replace(pending, claimed)).toBe(true);
    // A second delivery that read the payment while PENDING loses: its claim is over a stale version.
    expect(await payments.replace(pending, claimCapture(pending, now))).toBe(false);
    const captured = decideCapture(claimed, { status: 'captured', paymentId: 'pay-1' }, now, 'evt-1');
    expect(await payments.replace(claimed, captured)).toBe(true);
    // A late writer holding the CAPTURING copy cannot turn the capture into a decline.
    const declined = decideCapture(claimed, { status: 'declined', reason: 'late' }, now, 'evt-2');
    expect(await payments.replace(claimed, declined)).toBe(false);

    expect(await payments.find(pending.orderId)).toEqual(captured);
  });
});
