import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { DynamoDB, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import * as dynamoose from 'dynamoose';
import fc from 'fast-check';
import type { Subscriber } from '@mesh/bus';
import { OrderCancelled, OrderConfirmed, OrderPlaced } from '@mesh/contracts';
import { startDynamoDb, type StartedDynamoDb } from '@mesh/offline';
import {
  acceptsEvent,
  captureErrorLogs,
  createTableFromTemplate,
  eventArbitrary,
  expectBatchOutcome,
  fuzzConcurrently,
  fuzzTimeout,
  lambdaContext,
  messageArbitrary,
  orderCancelledData,
  orderConfirmedData,
  orderPlacedData,
  packageService,
  sqsEvent,
  sqsRecord,
  type LogLine,
} from '@mesh/testing';

/**
 * Fuzzes the order-lifecycle subscriber's queue: batches mixing valid events with garbage, JSON of any
 * shape and valid events broken in one field, delivered as Lambda delivers SQS batches to the real
 * handler, on DynamoDB Local. It never throws; every bad message is in batchItemFailures (back to its
 * queue, then its DLQ) with its reason logged; every valid one is handled (its notification is stored).
 */
const region = 'us-east-1';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const TABLE = 'notifications-fuzz';
const QUEUE = 'notifications-fuzz-order-lifecycle';

let dynamo: StartedDynamoDb;
let client: DynamoDBClient;
let handler: Subscriber;
let lines: LogLine[];
let restoreConsole: () => void;
const savedTable = process.env.NOTIFICATIONS_TABLE;

beforeAll(async () => {
  const [template, started] = await Promise.all([
    packageService(path.resolve(__dirname, '../..'), 'ci'),
    startDynamoDb({ startTimeoutMs: 120_000 }),
  ]);
  dynamo = started;
  client = new DynamoDBClient({ endpoint: dynamo.endpoint, region, credentials });
  dynamoose.aws.ddb.set(new DynamoDB({ endpoint: dynamo.endpoint, region, credentials }));
  await createTableFromTemplate(client, template, 'NotificationsTable', TABLE);
  process.env.NOTIFICATIONS_TABLE = TABLE;
  // The deployed handler, built (on first import) with a logger the test can read.
  const captured = await captureErrorLogs(
    async () => (await import('../../src/functions/orderLifecycle/handler')).handler,
  );
  ({ value: handler, lines, restore: restoreConsole } = captured);
}, 300_000);

afterAll(async () => {
  restoreConsole?.();
  if (savedTable === undefined) delete process.env.NOTIFICATIONS_TABLE;
  else process.env.NOTIFICATIONS_TABLE = savedTable;
  client?.destroy();
  await dynamo?.stop();
});

const valid = fc.oneof(
  eventArbitrary(OrderPlaced, orderPlacedData),
  eventArbitrary(OrderConfirmed, orderConfirmedData),
  eventArbitrary(OrderCancelled, orderCancelledData),
);

async function storedNotification(body: string) {
  const { detail } = JSON.parse(body) as {
    detail: { eventId: string; occurredAt: string; data: { customerId: string } };
  };
  const { Item } = await client.send(
    new GetItemCommand({
      TableName: TABLE,
      Key: { customerId: { S: detail.data.customerId }, sk: { S: `${detail.occurredAt}#${detail.eventId}` } },
      ConsistentRead: true,
    }),
  );
  return Item ? unmarshall(Item) : undefined;
}

describe('the order-lifecycle queue, fuzzed', () => {
  it(
    'fails exactly the bad messages of a batch, with a logged reason, and stores every valid one',
    async () => {
      const messages = messageArbitrary(valid, acceptsEvent(handler.contracts));
      // Cases run a few at a time: each message has its own id and event id, and reads only its own log lines.
      await fuzzConcurrently(fc.array(messages, { minLength: 1, maxLength: 4 }), async (batch) => {
        const records = batch.map((m) => sqsRecord(m.body, { queue: QUEUE, messageId: randomUUID() }));

        const response = await handler(sqsEvent(records), lambdaContext('notifications-fuzz-orderLifecycle'));

        expectBatchOutcome(batch, records, response, lines);
        for (const message of batch.filter((m) => m.valid)) {
          const { detail } = JSON.parse(message.body) as {
            detail: { eventId: string; data: { orderId: string; customerId: string } };
          };
          expect(await storedNotification(message.body)).toMatchObject({
            customerId: detail.data.customerId,
            orderId: detail.data.orderId,
            eventId: detail.eventId,
          });
        }
      });
    },
    fuzzTimeout(),
  );
});
