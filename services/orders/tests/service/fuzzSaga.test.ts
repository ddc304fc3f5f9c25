import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { DynamoDB, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as dynamoose from 'dynamoose';
import fc from 'fast-check';
import type { Subscriber } from '@mesh/bus';
import { OrderPlaced, PaymentCaptured, PaymentDeclined, StockRejected, StockReserved } from '@mesh/contracts';
import { startDynamoDb, type StartedDynamoDb } from '@mesh/offline';
import {
  acceptsEvent,
  captureErrorLogs,
  createTableFromTemplate,
  eventArbitrary,
  expectBatchOutcome,
  fuzzConcurrently,
  fuzzTimeout,
  InMemoryBus,
  lambdaContext,
  messageArbitrary,
  moneyArbitrary,
  orderPlacedData,
  packageService,
  sqsEvent,
  sqsRecord,
  stockLinesArbitrary,
  validSku,
  type LogLine,
} from '@mesh/testing';
import { orderSagaHandler } from '../../src/functions/orderSaga/handler';
import { DynamoOrderStore } from '../../src/store/DynamoOrderStore';
import { storedOrder } from '../helpers/orders';

/**
 * Fuzzes the order saga's queue: batches mixing valid events with garbage, JSON of any shape and valid
 * events broken in one field, delivered as Lambda delivers SQS batches to the real saga handler on
 * DynamoDB Local. It never throws; every bad message is in batchItemFailures (back to its queue, then its
 * DLQ) with its reason logged; every valid one is handled: an OrderPlaced asks inventory for its stock,
 * a StockReserved, StockRejected, PaymentCaptured or PaymentDeclined moves its (PENDING) order on.
 */
const region = 'us-east-1';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const TABLE = 'orders-fuzz-saga';
const QUEUE = 'orders-fuzz-order-saga';
const INVENTORY = 'https://sqs.us-east-1.amazonaws.com/000000000000/inventory-fuzz-commands.fifo';

let dynamo: StartedDynamoDb;
let client: DynamoDBClient;
let store: DynamoOrderStore;
let bus: InMemoryBus;
let handler: Subscriber;
let lines: LogLine[];
let restoreConsole: () => void;

beforeAll(async () => {
  const [template, started] = await Promise.all([
    packageService(path.resolve(__dirname, '../..'), 'ci'),
    startDynamoDb({ startTimeoutMs: 120_000 }),
  ]);
  dynamo = started;
  client = new DynamoDBClient({ endpoint: dynamo.endpoint, region, credentials });
  dynamoose.aws.ddb.set(new DynamoDB({ endpoint: dynamo.endpoint, region, credentials }));
  await createTableFromTemplate(client, template, 'OrdersTable', TABLE);
  store = new DynamoOrderStore(TABLE);
  bus = new InMemoryBus();
  ({
    value: handler,
    lines,
    restore: restoreConsole,
  } = await captureErrorLogs(() =>
    orderSagaHandler({ orders: store, inventory: { commands: bus, queueUrl: INVENTORY } }),
  ));
}, 300_000);

afterAll(async () => {
  restoreConsole?.();
  client?.destroy();
  await dynamo?.stop();
});

// Every valid event names an order of its own: OrderPlaced a new one, the others a PENDING one seeded first.
const orderId = fc.uuid().map((id) => `ord-${id}`);
const valid = fc.oneof(
  eventArbitrary(
    OrderPlaced,
    orderPlacedData.chain((data) => orderId.map((id) => ({ ...data, orderId: id }))),
  ),
  eventArbitrary(StockReserved, fc.record({ orderId, items: stockLinesArbitrary() })),
  eventArbitrary(
    StockRejected,
    fc.record({
      orderId,
      reason: fc.constantFrom('INSUFFICIENT_STOCK' as const, 'UNKNOWN_SKU' as const),
      unavailable: fc.array(
        fc.record({
          sku: validSku,
          requested: fc.integer({ min: 1, max: 10_000 }),
          available: fc.integer({ min: 0, max: 10_000 }),
        }),
        { minLength: 1, maxLength: 30 },
      ),
    }),
  ),
  eventArbitrary(
    PaymentCaptured,
    fc.record({
      orderId,
      paymentId: fc.uuid().map((id) => `pay-${id}`),
      amount: moneyArbitrary,
      receiptKey: fc.string({ minLength: 1, maxLength: 1024 }),
    }),
  ),
  eventArbitrary(
    PaymentDeclined,
    fc.record({ orderId, amount: moneyArbitrary, reason: fc.string({ minLength: 1, maxLength: 500 }) }),
  ),
);

interface SagaEvent {
  'detail-type': string;
  detail: { data: { orderId: string; paymentId?: string } };
}

describe('the order saga queue, fuzzed', () => {
  it(
    'fails exactly the bad messages of a batch, with a logged reason, and handles every valid one',
    async () => {
      const messages = messageArbitrary(valid, acceptsEvent(handler.contracts));
      // Cases run a few at a time: each names orders and messages of its own, and reads only its own log lines.
      await fuzzConcurrently(fc.array(messages, { minLength: 1, maxLength: 3 }), async (batch) => {
        const handled = batch.filter((m) => m.valid).map((m) => JSON.parse(m.body) as SagaEvent);
        for (const event of handled.filter((e) => e['detail-type'] !== OrderPlaced.detailType)) {
          await store.place(storedOrder(event.detail.data.orderId, 'cus-fuzz'), []);
        }
        const records = batch.map((m) => sqsRecord(m.body, { queue: QUEUE, messageId: randomUUID() }));

        const response = await handler(sqsEvent(records), lambdaContext('orders-fuzz-orderSaga'));

        expectBatchOutcome(batch, records, response, lines);
        for (const event of handled) {
          const { orderId: id } = event.detail.data;
          const expected = {
            [OrderPlaced.detailType]: undefined,
            [StockReserved.detailType]: { status: 'RESERVED', stockReserved: true },
            [StockRejected.detailType]: { status: 'CANCELLED', cancelReason: 'STOCK_REJECTED' },
            [PaymentDeclined.detailType]: { status: 'CANCELLED', cancelReason: 'PAYMENT_DECLINED' },
            [PaymentCaptured.detailType]: { status: 'CONFIRMED', paymentId: event.detail.data.paymentId },
          }[event['detail-type']];
          if (expected) expect(await store.get(id)).toMatchObject(expected);
          else expect(bus.sent.filter((c) => c.envelope.commandId === `reserve-${id}`)).toHaveLength(1);
        }
      });
    },
    fuzzTimeout(),
  );
});
