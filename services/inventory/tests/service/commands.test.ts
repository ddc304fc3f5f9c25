import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { DynamoDB, DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { CreateEventBusCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import * as dynamoose from 'dynamoose';
import { EventPublisher } from '@mesh/bus';
import { ReleaseStock, ReserveStock, type EventEnvelope } from '@mesh/contracts';
import { startDynamoDb, startEventBridge, type StartedDynamoDb, type StartedEventBridge } from '@mesh/offline';
import {
  createTableFromTemplate,
  lambdaContext,
  makeCommand,
  packageService,
  sqsEvent,
  sqsRecord,
} from '@mesh/testing';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { InventoryDependencies } from '../../src/dependencies';
import { inventoryCommandHandler } from '../../src/functions/commands/inventoryCommandHandler';
import { putStock } from '../../src/functions/putStock/handler';
import { DynamoInventoryStore } from '../../src/store/DynamoInventoryStore';
import { IDEMPOTENCY_PARTITION, idempotencyStore } from '../../src/store/idempotencyStore';
import { stockKey } from '../../src/store/inventoryTable';

/**
 * The real command handler, in-process, on DynamoDB Local (the table made from the packaged template)
 * through dynamoose and the real SDK, publishing through the real EventPublisher to the offline
 * EventBridge. What it proves holds because of DynamoDB's conditions, not because of the handler's reads.
 */
const region = 'us-east-1';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const TABLE = 'inventory-service-test';
const BUS = 'mesh-service-test';
const QUEUE = 'inventory-service-test-commands.fifo';

let dynamo: StartedDynamoDb;
let eventBridge: StartedEventBridge;
let client: DynamoDBClient;
let events: EventBridgeClient;
let deps: InventoryDependencies;
let handler: ReturnType<typeof inventoryCommandHandler>;
const published: { detailType: string; source: string; detail: EventEnvelope }[] = [];

beforeAll(async () => {
  const [template, startedDynamo, startedEventBridge] = await Promise.all([
    packageService(path.resolve(__dirname, '../..'), 'ci'),
    startDynamoDb(),
    startEventBridge({ region }),
  ]);
  dynamo = startedDynamo;
  eventBridge = startedEventBridge;
  client = new DynamoDBClient({ endpoint: dynamo.endpoint, region, credentials });
  dynamoose.aws.ddb.set(new DynamoDB({ endpoint: dynamo.endpoint, region, credentials }));
  await createTableFromTemplate(client, template, 'InventoryTable', TABLE);

  events = new EventBridgeClient({ endpoint: eventBridge.url, region, credentials });
  await events.send(new CreateEventBusCommand({ Name: BUS }));
  eventBridge.emulator.on('published', ({ eventBusName, event }) => {
    if (eventBusName !== BUS) return;
    published.push({
      detailType: event['detail-type'],
      source: event.source,
      detail: event.detail as unknown as EventEnvelope,
    });
  });

  deps = {
    store: new DynamoInventoryStore(TABLE),
    events: new EventPublisher({ eventBusName: BUS, client: events }),
    now: () => new Date(),
  };
  handler = inventoryCommandHandler(deps, { persistenceStore: idempotencyStore(TABLE, client) });
}, 180_000);

afterAll(async () => {
  client?.destroy();
  events?.destroy();
  await eventBridge?.stop();
  await dynamo?.stop();
});

/** Delivers one command as Lambda would from the FIFO queue, grouped by its order. */
async function deliver(command: ReturnType<typeof makeCommand>) {
  const orderId = (command.data as { orderId: string }).orderId;
  const record = sqsRecord(command, { queue: QUEUE, groupId: orderId });
  return handler(sqsEvent([record]), lambdaContext('inventory-service-test-commands'));
}

async function stock(sku: string, onHand: number): Promise<void> {
  const put = putStock(() => deps);
  const result = await put({
    pathParameters: { sku },
    body: JSON.stringify({ onHand }),
    isBase64Encoded: false,
    requestContext: { authorizer: { jwt: { claims: { sub: 'admin-1', scope: 'admin' }, scopes: null } } },
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer);
  expect(result.statusCode).toBe(200);
}

async function levelOf(sku: string) {
  const { Item } = await client.send(
    new GetItemCommand({ TableName: TABLE, Key: { pk: { S: stockKey(sku).pk }, sk: { S: 'STOCK' } } }),
  );
  const { onHand, reserved, available } = unmarshall(Item!);
  return { onHand, reserved, available };
}

const ofOrder = (orderId: string, detailType?: string) =>
  published.filter(
    (e) => (e.detail.data as { orderId: string }).orderId === orderId && (!detailType || e.detailType === detailType),
  );

const reserve = (orderId: string, items: { sku: string; quantity: number }[]) =>
  makeCommand(ReserveStock, { data: { orderId, items }, correlationId: `cor-${orderId}` });
const release = (orderId: string) =>
  makeCommand(ReleaseStock, { data: { orderId, reason: 'ORDER_CANCELLED' }, correlationId: `cor-${orderId}` });
const id = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

describe('inventory commands on DynamoDB Local and the offline EventBridge', () => {
  it('never oversells: 20 orders racing for 10 units reserve exactly 10', async () => {
    await stock('SKU-RACE', 10);
    const orders = Array.from({ length: 20 }, (_, i) => `ord-race-${i}`);

    const responses = await Promise.all(orders.map((o) => deliver(reserve(o, [{ sku: 'SKU-RACE', quantity: 1 }]))));

    expect(responses.flatMap((r) => r.batchItemFailures)).toEqual([]);
    expect(await levelOf('SKU-RACE')).toEqual({ onHand: 10, reserved: 10, available: 0 });
    const reserved = orders.filter((o) => ofOrder(o, 'StockReserved').length === 1);
    const rejected = orders.filter((o) => ofOrder(o, 'StockRejected').length === 1);
    expect(reserved).toHaveLength(10);
    expect(rejected).toHaveLength(10);
    expect([...reserved, ...rejected].sort()).toEqual([...orders].sort());
  });

  it('reserves all items of an order or none: a short line leaves every other line untouched', async () => {
    const [plenty, scarce] = [id('SKU-PLENTY').toUpperCase(), id('SKU-SCARCE').toUpperCase()];
    await stock(plenty, 5);
    await stock(scarce, 1);
    const orderId = id('ord-aon');

    await deliver(
      reserve(orderId, [
        { sku: plenty, quantity: 2 },
        { sku: scarce, quantity: 2 },
      ]),
    );

    expect(await levelOf(plenty)).toEqual({ onHand: 5, reserved: 0, available: 5 });
    expect(await levelOf(scarce)).toEqual({ onHand: 1, reserved: 0, available: 1 });
    expect(ofOrder(orderId).map((e) => [e.source, e.detailType, e.detail.data])).toEqual([
      [
        'mesh.inventory',
        'StockRejected',
        { orderId, reason: 'INSUFFICIENT_STOCK', unavailable: [{ sku: scarce, requested: 2, available: 1 }] },
      ],
    ]);
  });

  it("cancels the whole transaction when the stock's own condition fails, whatever the plan said", async () => {
    const [a, b] = [id('SKU-TXA').toUpperCase(), id('SKU-TXB').toUpperCase()];
    await stock(a, 5);
    await stock(b, 1);
    const orderId = id('ord-tx');
    const lines = [
      { sku: a, quantity: 2 },
      { sku: b, quantity: 2 },
    ];
    const reservation = {
      orderId,
      status: 'ACTIVE' as const,
      items: lines,
      reservedBy: 'cmd-tx',
      reservedAt: new Date().toISOString(),
    };

    await expect(deps.store.reserve(reservation, lines)).resolves.toBe('stock-changed');
    expect(await levelOf(a)).toEqual({ onHand: 5, reserved: 0, available: 5 });
    expect(await deps.store.reservationOf(orderId)).toBeUndefined();
  });

  it('has one effect for a duplicate ReserveStock, redelivered or sent again', async () => {
    const sku = id('SKU-DUP').toUpperCase();
    await stock(sku, 5);
    const orderId = id('ord-dup');
    const command = reserve(orderId, [{ sku, quantity: 2 }]);

    await deliver(command);
    await deliver(command); // past the FIFO dedup window: only the idempotency record stops it
    await deliver(reserve(orderId, [{ sku, quantity: 3 }])); // a second command for the same order

    expect(await levelOf(sku)).toEqual({ onHand: 5, reserved: 2, available: 3 });
    const reserved = ofOrder(orderId, 'StockReserved');
    expect(reserved).toHaveLength(1);
    expect(reserved[0]!.detail).toMatchObject({ correlationId: `cor-${orderId}`, causationId: command.commandId });
    const { Count } = await client.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: IDEMPOTENCY_PARTITION } },
      }),
    );
    expect(Count).toBeGreaterThan(0);
  });

  it('restores exactly what was reserved, once, however often the release comes', async () => {
    const [a, b] = [id('SKU-RELA').toUpperCase(), id('SKU-RELB').toUpperCase()];
    await stock(a, 5);
    await stock(b, 2);
    const orderId = id('ord-rel');
    await deliver(
      reserve(orderId, [
        { sku: a, quantity: 2 },
        { sku: a, quantity: 1 },
        { sku: b, quantity: 2 },
      ]),
    );
    expect(await levelOf(a)).toEqual({ onHand: 5, reserved: 3, available: 2 });
    const first = release(orderId);

    const responses = [await deliver(first), await deliver(first), await deliver(release(orderId))];

    expect(responses.flatMap((r) => r.batchItemFailures)).toEqual([]);
    expect(await levelOf(a)).toEqual({ onHand: 5, reserved: 0, available: 5 });
    expect(await levelOf(b)).toEqual({ onHand: 2, reserved: 0, available: 2 });
    const released = ofOrder(orderId, 'StockReleased');
    expect(released).toHaveLength(1);
    expect(released[0]!.detail).toMatchObject({
      causationId: first.commandId,
      data: {
        orderId,
        items: [
          { sku: a, quantity: 3 },
          { sku: b, quantity: 2 },
        ],
      },
    });
  });

  it('succeeds and publishes nothing when releasing an order that holds no reservation', async () => {
    const orderId = id('ord-none');
    const response = await deliver(release(orderId));
    expect(response.batchItemFailures).toEqual([]);
    expect(ofOrder(orderId)).toEqual([]);
  });
});
