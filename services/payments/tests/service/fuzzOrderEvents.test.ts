import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { DynamoDB, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as dynamoose from 'dynamoose';
import fc from 'fast-check';
import type { Subscriber } from '@mesh/bus';
import { OrderCancelled, OrderPlaced, StockReserved } from '@mesh/contracts';
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
  orderCancelledData,
  orderPlacedData,
  packageService,
  sqsEvent,
  sqsRecord,
  stockLinesArbitrary,
  type LogLine,
} from '@mesh/testing';
import { pendingPayment } from '../../src/domain/Payment';
import { orderEventsSubscriber } from '../../src/functions/orderEvents/orderEventsSubscriber';
import { FakePaymentProvider } from '../../src/providers/FakePaymentProvider';
import { DynamoPaymentStore } from '../../src/store/DynamoPaymentStore';
import { paymentModel } from '../../src/store/paymentsTable';
import { idempotencyStore } from '../../src/store/idempotencyStore';
import { InMemoryReceiptStore } from '../helpers/InMemoryPaymentStore';

/**
 * Fuzzes the payments order-events queue: batches mixing valid events with garbage, JSON of any shape and
 * valid events broken in one field, delivered as Lambda delivers SQS batches to the real subscriber (with
 * its idempotency store) on DynamoDB Local. It never throws; every bad message is in batchItemFailures
 * (back to its queue, then its DLQ) with its reason logged; every valid one is handled: an OrderPlaced
 * records a PENDING payment of its total, a StockReserved captures or declines its order's payment, an
 * OrderCancelled voids it.
 */
const region = 'us-east-1';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const TABLE = 'payments-fuzz';
const QUEUE = 'payments-fuzz-order-events';
const ENV = ['AWS_ENDPOINT_URL_DYNAMODB', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION'] as const;
const savedEnv = Object.fromEntries(ENV.map((name) => [name, process.env[name]]));

let dynamo: StartedDynamoDb;
let client: DynamoDBClient;
let payments: DynamoPaymentStore;
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
  await createTableFromTemplate(client, template, 'PaymentsTable', TABLE);
  // The idempotency store makes its own client, as in Lambda: point it at DynamoDB Local the SDK's way.
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_REGION: region,
  });
  payments = new DynamoPaymentStore(paymentModel(TABLE));
  bus = new InMemoryBus();
  const deps = {
    payments,
    provider: new FakePaymentProvider(),
    receipts: new InMemoryReceiptStore(),
    events: bus,
    now: () => new Date(),
    newId: randomUUID,
  };
  ({
    value: handler,
    lines,
    restore: restoreConsole,
  } = await captureErrorLogs(() => orderEventsSubscriber(deps, { persistenceStore: idempotencyStore(TABLE) })));
}, 300_000);

afterAll(async () => {
  restoreConsole?.();
  for (const name of ENV) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
  client?.destroy();
  await dynamo?.stop();
});

// Every valid event names an order of its own: OrderPlaced a new one, the others one whose payment is
// seeded PENDING first (a StockReserved before its OrderPlaced is retried by design, not handled).
const orderId = fc.uuid().map((id) => `ord-${id}`);
const withOwnOrder = <T extends { orderId: string }>(data: fc.Arbitrary<T>) =>
  data.chain((d) => orderId.map((id) => ({ ...d, orderId: id })));
const valid = fc.oneof(
  eventArbitrary(OrderPlaced, withOwnOrder(orderPlacedData)),
  eventArbitrary(StockReserved, fc.record({ orderId, items: stockLinesArbitrary() })),
  eventArbitrary(OrderCancelled, withOwnOrder(orderCancelledData)),
);

interface OrderEvent {
  'detail-type': string;
  detail: { occurredAt: string; data: { orderId: string; customerId?: string; total?: unknown } };
}

describe('the payments order-events queue, fuzzed', () => {
  it(
    'fails exactly the bad messages of a batch, with a logged reason, and handles every valid one',
    async () => {
      const messages = messageArbitrary(valid, acceptsEvent(handler.contracts));
      // Cases run a few at a time: each names orders and messages of its own, and reads only its own log lines.
      const request = fc.tuple(fc.array(messages, { minLength: 1, maxLength: 3 }), moneyArbitrary);
      await fuzzConcurrently(request, async ([batch, total]) => {
        const handled = batch.filter((m) => m.valid).map((m) => JSON.parse(m.body) as OrderEvent);
        for (const event of handled.filter((e) => e['detail-type'] !== OrderPlaced.detailType)) {
          const { orderId: id } = event.detail.data;
          await payments.create(
            pendingPayment({ orderId: id, customerId: 'cus-fuzz', total }, event.detail.occurredAt),
          );
        }
        const records = batch.map((m) => sqsRecord(m.body, { queue: QUEUE, messageId: randomUUID() }));

        const response = await handler(sqsEvent(records), lambdaContext('payments-fuzz-orderEvents'));

        expectBatchOutcome(batch, records, response, lines);
        for (const event of handled) {
          const { orderId: id, customerId, total: placedTotal } = event.detail.data;
          const payment = await payments.find(id);
          if (event['detail-type'] === OrderPlaced.detailType) {
            // Compared field by field: a field the contract does not know is not stored.
            const { amount, currency } = placedTotal as { amount: number; currency: string };
            expect(payment).toMatchObject({ status: 'PENDING', customerId, amount: { amount, currency } });
          } else if (event['detail-type'] === StockReserved.detailType) {
            expect(payment?.status).toMatch(/^(CAPTURED|DECLINED)$/);
            const outcomes = bus.published.filter((p) => (p.envelope.data as { orderId: string }).orderId === id);
            expect(outcomes.map((p) => p.contract.name)).toEqual([
              expect.stringMatching(/^Payment(Captured|Declined)$/),
            ]);
          } else {
            expect(payment?.status).toBe('CANCELLED');
          }
        }
      });
    },
    fuzzTimeout(),
  );
});
