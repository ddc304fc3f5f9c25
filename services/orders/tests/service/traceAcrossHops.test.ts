import path from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import {
  CreateTableCommand,
  DynamoDBClient,
  ScanCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import {
  CreateEventBusCommand,
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { event, EventPublisher, observe, outboxRelay, subscriber } from '@mesh/bus';
import { OrderPlaced, StockReserved } from '@mesh/contracts';
import {
  createSqsPoller,
  createStreamPoller,
  startDynamoDb,
  startEventBridge,
  startSqs,
  toSqsRecord,
  type SqsPoller,
  type SQSRecord,
  type StartedDynamoDb,
  type StartedEventBridge,
  type StartedSqs,
  type StreamPoller,
} from '@mesh/offline';
import { packageService, type CloudFormationTemplate } from '@mesh/testing';
import type { DynamoDBStreamEvent, SQSEvent } from 'aws-lambda';
import * as dynamoose from 'dynamoose';
import { placeOrderHandler } from '../../src/functions/placeOrder/handler';
import { DynamoOrderStore } from '../../src/store/DynamoOrderStore';
import { customer, httpEvent } from '../helpers/httpEvent';

const region = 'us-east-1';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const BUS = 'mesh-ci';
/** What a caller (a load balancer, CloudFront, a traced client) sends; offline there is no Lambda trace. */
const TRACE = 'Root=1-6745a1b2-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1';

async function until<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Log lines of the loggers named `serviceName`, captured from the streams Powertools writes to. */
function captureLogs(serviceName: string) {
  const lines: Record<string, unknown>[] = [];
  const write = process.stdout.write.bind(process.stdout);
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = chunk.toString();
    if (!text.includes(`"${serviceName}"`)) return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    for (const line of text.split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
    return true;
  });
  return lines;
}

/**
 * One trace and one correlation id across every hop of the mesh, on the real emulators over HTTP with the
 * real SDK: an HTTP request (its `x-correlation-id` and `x-amzn-trace-id`) → the orders table and its outbox
 * row (DynamoDB Local) → the stream poller and the outbox relay → PutEvents `TraceHeader` (the offline
 * EventBridge) → the rule's SQS queue (fauxqs) as `AWSTraceHeader` → the SQS poller → a subscriber → the
 * next event it publishes, read from a second rule's queue.
 */
describe('the trace header and correlation id across every hop, offline', () => {
  let template: CloudFormationTemplate;
  let dynamo: StartedDynamoDb;
  let sqs: StartedSqs;
  let eventBridge: StartedEventBridge;
  let dynamoClient: DynamoDBClient;
  let queues: SQSClient;
  let events: EventBridgeClient;
  let streamPoller: StreamPoller;
  let sqsPoller: SqsPoller;
  let tableName: string;
  let nextQueueUrl: string;
  const delivered: SQSRecord[] = [];
  let logs: Record<string, unknown>[];

  const createQueue = async (name: string) => {
    const { QueueUrl } = await queues.send(new CreateQueueCommand({ QueueName: name }));
    const { Attributes } = await queues.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    return { url: QueueUrl!, arn: Attributes!.QueueArn! };
  };

  beforeAll(async () => {
    template = await packageService(path.resolve(__dirname, '../..'), 'ci');
    [dynamo, sqs] = await Promise.all([startDynamoDb(), startSqs()]);
    eventBridge = await startEventBridge({
      region,
      sqsEndpoint: sqs.endpoint,
      retry: { baseDelayMs: 10, maxDelayMs: 50 },
    });
    dynamoClient = new DynamoDBClient({ endpoint: dynamo.endpoint, region, credentials });
    queues = new SQSClient({ endpoint: sqs.endpoint, region, credentials });
    events = new EventBridgeClient({ endpoint: eventBridge.url, region, credentials });

    // The orders table as deployed (its stream feeds the outbox relay).
    const table = template.Resources.OrdersTable!.Properties as unknown as CreateTableCommandInput & {
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' };
    };
    tableName = table.TableName!;
    const { TableDescription } = await dynamoClient.send(
      new CreateTableCommand({
        TableName: tableName,
        AttributeDefinitions: table.AttributeDefinitions,
        KeySchema: table.KeySchema,
        GlobalSecondaryIndexes: table.GlobalSecondaryIndexes,
        BillingMode: table.BillingMode,
        StreamSpecification: { StreamEnabled: true, StreamViewType: table.StreamSpecification.StreamViewType },
      }),
    );
    dynamoose.aws.ddb.set(new dynamoose.aws.ddb.DynamoDB({ endpoint: dynamo.endpoint, region, credentials }));

    // A rule for OrderPlaced to the subscriber's queue, and one for the event it causes next.
    const sagaQueue = await createQueue('trace-order-placed');
    const nextQueue = await createQueue('trace-next-events');
    nextQueueUrl = nextQueue.url;
    await events.send(new CreateEventBusCommand({ Name: BUS }));
    for (const [name, pattern, arn] of [
      ['trace-placed', { source: [OrderPlaced.source], 'detail-type': [OrderPlaced.detailType] }, sagaQueue.arn],
      ['trace-next', { source: [StockReserved.source], 'detail-type': [StockReserved.detailType] }, nextQueue.arn],
    ] as const) {
      await events.send(new PutRuleCommand({ Name: name, EventBusName: BUS, EventPattern: JSON.stringify(pattern) }));
      await events.send(new PutTargetsCommand({ Rule: name, EventBusName: BUS, Targets: [{ Id: 'queue', Arn: arn }] }));
    }

    const publisher = new EventPublisher({ eventBusName: BUS, client: events });
    const relay = outboxRelay({ publisher });
    streamPoller = createStreamPoller({
      streamArn: TableDescription!.LatestStreamArn!,
      endpoint: dynamo.endpoint,
      handler: (batch) => relay(batch as unknown as DynamoDBStreamEvent),
      pollIntervalMs: 50,
    });
    await streamPoller.start();

    // A subscriber of OrderPlaced that causes the next event, as any observer does: with ctx.trace.
    logs = captureLogs('trace-hops');
    const onOrderPlaced = subscriber({
      name: 'trace-hops',
      observers: [
        observe(
          OrderPlaced,
          async (placed, ctx) => {
            ctx.logger.info('reserving', { orderId: placed.data.orderId });
            await publisher.publish([
              event(StockReserved, { orderId: placed.data.orderId, items: placed.data.items }, ctx.trace),
            ]);
          },
          { name: 'reserve' },
        ),
      ],
      logger: new Logger({ serviceName: 'trace-hops', logLevel: 'DEBUG' }),
    });
    sqsPoller = createSqsPoller({
      spec: {
        functionLogicalId: 'TraceHopsLambdaFunction',
        functionName: 'trace-hops',
        kind: 'sqs',
        sourceArn: sagaQueue.arn,
        queueUrl: sagaQueue.url,
        batchSize: 10,
        maximumBatchingWindowSeconds: 0,
        reportBatchItemFailures: true,
        enabled: true,
      },
      sqs: queues,
      invoke: async (_name, batch) => {
        delivered.push(...(batch as { Records: SQSRecord[] }).Records);
        return onOrderPlaced(batch as SQSEvent);
      },
      waitTimeSeconds: 1,
      errorBackoffMs: 50,
      logger: { warn: () => undefined, error: () => undefined },
    });
    await sqsPoller.start();
  }, 180_000);

  afterAll(async () => {
    jest.restoreAllMocks();
    await sqsPoller?.stop();
    await streamPoller?.stop();
    for (const client of [dynamoClient, queues, events]) client?.destroy();
    await Promise.all([dynamo?.stop(), eventBridge?.stop(), sqs?.stop()]);
  });

  it('keeps the request trace and correlation id from HTTP to the next event', async () => {
    const handler = placeOrderHandler({ orders: new DynamoOrderStore(tableName), newId: () => 'trace-1' });
    const answer = await handler(
      httpEvent({
        method: 'POST',
        path: '/orders',
        route: '/orders',
        claims: customer('cus-trace'),
        headers: { 'x-correlation-id': 'cor-trace-1', 'x-amzn-trace-id': TRACE },
        body: { items: [{ sku: 'SKU-TEAPOT', quantity: 1 }] },
      }),
    );
    expect(answer.statusCode).toBe(201);
    expect(answer.headers).toMatchObject({ 'x-correlation-id': 'cor-trace-1' });

    // HTTP → the outbox row, written with the order.
    const items = (
      (await dynamoClient.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }))).Items ?? []
    ).map((item) => unmarshall(item));
    const row = items.find((i) => i.kind === 'outbox' && JSON.parse(i.data as string).orderId === 'ord-trace-1');
    expect(row).toMatchObject({ name: 'OrderPlaced', correlationId: 'cor-trace-1', traceHeader: TRACE });

    // Outbox → relay → PutEvents TraceHeader → rule → SQS AWSTraceHeader → poller → subscriber.
    const received = await until(() =>
      delivered.find((r) => (JSON.parse(r.body) as { detail: { eventId: string } }).detail.eventId === row!.eventId),
    );
    expect(received.attributes.AWSTraceHeader).toBe(TRACE);
    expect(received.messageAttributes).toEqual({});
    expect(JSON.parse(received.body)).toMatchObject({ detail: { correlationId: 'cor-trace-1' } });

    // Subscriber → the next event, with the same trace and correlation id, caused by OrderPlaced.
    const next = await until(async () => {
      const { Messages = [] } = await queues.send(
        new ReceiveMessageCommand({
          QueueUrl: nextQueueUrl,
          MaxNumberOfMessages: 1,
          WaitTimeSeconds: 1,
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
      );
      return Messages[0] as Message | undefined;
    });
    const nextRecord = toSqsRecord(next, 'arn:aws:sqs:us-east-1:000000000000:trace-next-events', region);
    expect(nextRecord.attributes.AWSTraceHeader).toBe(TRACE);
    expect(JSON.parse(nextRecord.body)).toMatchObject({
      'detail-type': 'StockReserved',
      detail: { correlationId: 'cor-trace-1', causationId: row!.eventId, data: { orderId: 'ord-trace-1' } },
    });

    // And every line the subscriber wrote for it carries the correlation id.
    const lines = await until(() => {
      const mine = logs.filter((l) => l.eventId === row!.eventId);
      return mine.some((l) => l.message === 'event handled') ? mine : undefined;
    });
    expect(lines.map((l) => l.message)).toEqual(['reserving', 'event handled']);
    for (const line of lines)
      expect(line).toMatchObject({ correlationId: 'cor-trace-1', causationId: row!.causationId });
  });
});
