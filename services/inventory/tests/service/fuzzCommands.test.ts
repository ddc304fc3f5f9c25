import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { DynamoDB, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as dynamoose from 'dynamoose';
import fc from 'fast-check';
import type { CommandConsumer } from '@mesh/bus';
import { ReleaseStock, ReserveStock } from '@mesh/contracts';
import { startDynamoDb, type StartedDynamoDb } from '@mesh/offline';
import {
  acceptsCommand,
  captureErrorLogs,
  commandArbitrary,
  createTableFromTemplate,
  fuzzRuns,
  fuzzTimeout,
  InMemoryBus,
  lambdaContext,
  messageArbitrary,
  packageService,
  sqsEvent,
  sqsRecord,
  stockLinesArbitrary,
  validSku,
  type LogLine,
} from '@mesh/testing';
import type { InventoryDependencies } from '../../src/dependencies';
import { restock } from '../../src/domain/StockLevel';
import { inventoryCommandHandler } from '../../src/functions/commands/inventoryCommandHandler';
import { DynamoInventoryStore } from '../../src/store/DynamoInventoryStore';
import { idempotencyStore } from '../../src/store/idempotencyStore';

/**
 * Fuzzes inventory's FIFO command queue: batches mixing valid ReserveStock/ReleaseStock with garbage, JSON
 * of any shape and valid commands broken in one field, delivered as Lambda delivers a FIFO batch to the
 * real handler (with its idempotency store) on DynamoDB Local. It never throws; FIFO keeps order, so the
 * first bad message fails with its reason logged and every later one returns to the queue with it; every
 * valid command before it is handled (its reservation or rejection is published and stored).
 */
const region = 'us-east-1';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const TABLE = 'inventory-fuzz-commands';
const QUEUE = 'inventory-fuzz-commands.fifo';
// Stock the reservations can take, so valid commands both reserve (plenty) and get rejected (unknown SKUs).
const STOCKED = ['SKU-FUZZ-A', 'SKU-FUZZ-B', 'SKU-FUZZ-C'];

let dynamo: StartedDynamoDb;
let client: DynamoDBClient;
let store: DynamoInventoryStore;
let bus: InMemoryBus;
let handler: CommandConsumer;
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
  await createTableFromTemplate(client, template, 'InventoryTable', TABLE);
  store = new DynamoInventoryStore(TABLE);
  for (const sku of STOCKED) await store.updateStock(sku, (current) => restock(current, sku, 1_000_000_000));
  bus = new InMemoryBus();
  const deps: InventoryDependencies = { store, events: bus, now: () => new Date() };
  ({
    value: handler,
    lines,
    restore: restoreConsole,
  } = await captureErrorLogs(() =>
    inventoryCommandHandler(deps, { persistenceStore: idempotencyStore(TABLE, client) }),
  ));
}, 300_000);

afterAll(async () => {
  restoreConsole?.();
  client?.destroy();
  await dynamo?.stop();
});

function groupOf(body: string): string {
  try {
    const orderId = (JSON.parse(body) as { data?: { orderId?: unknown } } | null)?.data?.orderId;
    return typeof orderId === 'string' ? orderId : 'garbage';
  } catch {
    return 'garbage';
  }
}

const orderId = fc.uuid().map((id) => `ord-${id}`);
const valid = fc.oneof(
  commandArbitrary(
    ReserveStock,
    fc.record({
      orderId,
      items: stockLinesArbitrary(fc.oneof(fc.constantFrom(...STOCKED), validSku), 3).map((lines) =>
        lines.map((line) => ({ ...line, quantity: Math.min(line.quantity, 10) })),
      ),
    }),
  ),
  commandArbitrary(
    ReleaseStock,
    fc.record({ orderId, reason: fc.constantFrom('PAYMENT_DECLINED' as const, 'ORDER_CANCELLED' as const) }),
  ),
);

describe('the inventory command queue, fuzzed', () => {
  it(
    'handles the valid commands before the first bad one, fails that one with a logged reason and returns the rest',
    async () => {
      const messages = messageArbitrary(valid, acceptsCommand(handler.contracts));
      await fc.assert(
        fc.asyncProperty(fc.array(messages, { minLength: 1, maxLength: 3 }), async (batch) => {
          // One message group per order, as the orders service sends them; garbage shares one group.
          const records = batch.map((m) =>
            sqsRecord(m.body, { queue: QUEUE, messageId: randomUUID(), groupId: groupOf(m.body) }),
          );
          lines.length = 0;

          const response = await handler(sqsEvent(records), lambdaContext('inventory-fuzz-commands'));

          const firstBad = batch.findIndex((m) => !m.valid);
          const stopsAt = firstBad < 0 ? batch.length : firstBad;
          expect(response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(
            records.slice(stopsAt).map((r) => r.messageId),
          );
          if (firstBad >= 0) {
            const reasons = lines.filter((l) => l.messageId === records[firstBad]!.messageId).map((l) => l.reason);
            expect([batch[firstBad]!.kind, reasons]).toEqual([batch[firstBad]!.kind, [expect.stringMatching(/\S/)]]);
          }
          for (const message of batch.slice(0, stopsAt)) {
            const command = JSON.parse(message.body) as { name: string; data: { orderId: string } };
            if (command.name !== ReserveStock.name) continue;
            const outcomes = bus.published.filter(
              (p) => (p.envelope.data as { orderId: string }).orderId === command.data.orderId,
            );
            expect(outcomes.map((p) => p.contract.name)).toEqual([expect.stringMatching(/^Stock(Reserved|Rejected)$/)]);
            const reservation = await store.reservationOf(command.data.orderId);
            expect(reservation !== undefined).toBe(outcomes[0]!.contract.name === 'StockReserved');
          }
        }),
        { numRuns: fuzzRuns() },
      );
    },
    fuzzTimeout(),
  );
});
