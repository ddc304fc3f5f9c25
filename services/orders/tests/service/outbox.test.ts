import path from 'node:path';
import {
  CreateTableCommand,
  DynamoDBClient,
  ScanCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { CreateEventBusCommand, EventBridgeClient, PutRuleCommand } from '@aws-sdk/client-eventbridge';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { event, EventPublisher, outboxRelay } from '@mesh/bus';
import { OrderCancelled, OrderPlaced } from '@mesh/contracts';
import {
  createStreamPoller,
  startDynamoDb,
  startEventBridge,
  type EventBridgeEvent,
  type MatchedHop,
  type StartedDynamoDb,
  type StartedEventBridge,
  type StreamPoller,
} from '@mesh/offline';
import { packageService, type CloudFormationTemplate } from '@mesh/testing';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import * as dynamoose from 'dynamoose';
import { placeOrderHandler } from '../../src/functions/placeOrder/handler';
import { DynamoOrderStore } from '../../src/store/DynamoOrderStore';
import { customer, httpEvent } from '../helpers/httpEvent';
import { storedOrder } from '../helpers/orders';

const region = 'us-east-1';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const BUS = 'mesh-ci';

interface TableProperties {
  TableName: string;
  AttributeDefinitions: CreateTableCommandInput['AttributeDefinitions'];
  KeySchema: CreateTableCommandInput['KeySchema'];
  GlobalSecondaryIndexes?: CreateTableCommandInput['GlobalSecondaryIndexes'];
  BillingMode: CreateTableCommandInput['BillingMode'];
  StreamSpecification: { StreamViewType: 'NEW_IMAGE' };
  TimeToLiveSpecification?: { AttributeName: string };
}

/**
 * CreateTable's input from the packaged template's table: the deployed schema, never a second one. SSE and
 * point-in-time recovery are not CreateTable parameters (and mean nothing to DynamoDB Local); TTL is set
 * after creation, as CloudFormation does.
 */
function createTableInput(template: CloudFormationTemplate): { input: CreateTableCommandInput; ttl?: string } {
  const table = template.Resources.OrdersTable!.Properties as unknown as TableProperties;
  return {
    input: {
      TableName: table.TableName,
      AttributeDefinitions: table.AttributeDefinitions,
      KeySchema: table.KeySchema,
      GlobalSecondaryIndexes: table.GlobalSecondaryIndexes,
      BillingMode: table.BillingMode,
      StreamSpecification: { StreamEnabled: true, ...table.StreamSpecification },
    },
    ...(table.TimeToLiveSpecification ? { ttl: table.TimeToLiveSpecification.AttributeName } : {}),
  };
}

async function until<T>(probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The outbox, end to end on real emulators: DynamoDB Local (transactions, conditions, streams), the
 * stream poller that plays Lambda's event source mapping, and the offline EventBridge.
 */
describe('orders outbox on DynamoDB Local and the offline EventBridge', () => {
  let template: CloudFormationTemplate;
  let dynamo: StartedDynamoDb;
  let eventBridge: StartedEventBridge;
  let poller: StreamPoller;
  let client: DynamoDBClient;
  let store: DynamoOrderStore;
  let tableName: string;
  const published: EventBridgeEvent[] = [];
  const matched: MatchedHop[] = [];

  beforeAll(async () => {
    template = await packageService(path.resolve(__dirname, '../..'), 'ci');
    [dynamo, eventBridge] = await Promise.all([startDynamoDb(), startEventBridge()]);
    client = new DynamoDBClient({ endpoint: dynamo.endpoint, region, credentials });
    const { input, ttl } = createTableInput(template);
    tableName = input.TableName!;
    const { TableDescription } = await client.send(new CreateTableCommand(input));
    if (ttl) {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: tableName,
          TimeToLiveSpecification: { AttributeName: ttl, Enabled: true },
        }),
      );
    }
    dynamoose.aws.ddb.set(new dynamoose.aws.ddb.DynamoDB({ endpoint: dynamo.endpoint, region, credentials }));
    store = new DynamoOrderStore(tableName);

    const events = new EventBridgeClient({ endpoint: eventBridge.url, region, credentials });
    await events.send(new CreateEventBusCommand({ Name: BUS }));
    // The saga's own rule, from the template: proves the relayed event reaches the subscription.
    const rule = template.Resources.OrderSagaRule!.Properties as unknown as { EventPattern: unknown };
    await events.send(
      new PutRuleCommand({
        Name: 'orders-ci-order-saga',
        EventBusName: BUS,
        EventPattern: JSON.stringify(rule.EventPattern),
      }),
    );
    eventBridge.emulator.on('published', (hop) => published.push(hop.event));
    eventBridge.emulator.on('matched', (hop) => matched.push(hop));

    const relay = outboxRelay({ publisher: new EventPublisher({ eventBusName: BUS, client: events }) });
    poller = createStreamPoller({
      streamArn: TableDescription!.LatestStreamArn!,
      endpoint: dynamo.endpoint,
      // The mapping's filter is Lambda's job; the relay ignores what is not an outbox INSERT either way.
      handler: (batch) => relay(batch as unknown as DynamoDBStreamEvent),
      pollIntervalMs: 50,
    });
    await poller.start();
  }, 180_000);

  afterAll(async () => {
    await poller?.stop();
    client?.destroy();
    await Promise.all([dynamo?.stop(), eventBridge?.stop()]);
  });

  const scan = async () =>
    ((await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }))).Items ?? []).map((item) =>
      unmarshall(item),
    );
  const publishedOf = (detailType: string, orderId: string) =>
    published.filter(
      (e) => e['detail-type'] === detailType && (e.detail as { data: { orderId: string } }).data.orderId === orderId,
    );

  it('writes the order and its OrderPlaced in one transaction, and the relay publishes it once', async () => {
    const handler = placeOrderHandler({ orders: store, newId: () => 'svc-1' });
    const result = await handler(
      httpEvent({
        method: 'POST',
        path: '/orders',
        route: '/orders',
        claims: customer('cus-svc'),
        headers: { 'x-correlation-id': 'cor-svc-1' },
        body: { items: [{ sku: 'SKU-TEAPOT', quantity: 1 }] },
      }),
    );
    expect(result.statusCode).toBe(201);

    const items = await scan();
    const order = items.find((i) => i.pk === 'ORDER#ord-svc-1');
    const outbox = items.filter((i) => i.kind === 'outbox' && JSON.parse(i.data as string).orderId === 'ord-svc-1');
    expect(order).toMatchObject({ status: 'PENDING', customerId: 'cus-svc', total: { amount: 3900, currency: 'EUR' } });
    expect(outbox).toEqual([expect.objectContaining({ name: 'OrderPlaced', correlationId: 'cor-svc-1' })]);

    const relayed = await until(() => publishedOf('OrderPlaced', 'ord-svc-1')[0]);
    expect(relayed).toMatchObject({
      source: OrderPlaced.source,
      detail: { eventId: outbox[0]!.eventId, correlationId: 'cor-svc-1', data: { orderId: 'ord-svc-1' } },
    });
    expect(matched.filter((m) => m.event.id === relayed.id).map((m) => m.ruleName)).toEqual(['orders-ci-order-saga']);
    // Give the poller time to (wrongly) relay it again before counting.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(publishedOf('OrderPlaced', 'ord-svc-1')).toHaveLength(1);
  });

  it('writes neither the order nor its event when the transaction fails', async () => {
    const order = storedOrder('ord-svc-2', 'cus-svc');
    const placed = (correlationId: string) =>
      event(
        OrderPlaced,
        { orderId: order.orderId, customerId: order.customerId, items: order.items, total: order.total },
        {
          correlationId,
          causationId: 'req-1',
        },
      );
    expect(await store.place(order, [placed('cor-first')])).toBe('placed');
    expect(await store.place({ ...order, customerId: 'cus-other' }, [placed('cor-second')])).toBe('exists');
    const items = await scan();
    expect(items.find((i) => i.pk === 'ORDER#ord-svc-2')).toMatchObject({ customerId: 'cus-svc' });
    expect(items.filter((i) => i.kind === 'outbox' && i.correlationId === 'cor-second')).toEqual([]);
  });

  it('applies one of two racing changes, with exactly one event, and refuses the other', async () => {
    await store.place(storedOrder('ord-svc-3', 'cus-svc', 'PENDING'), []);
    const cancel = (cause: string) =>
      store.changeStatus(
        'ord-svc-3',
        { to: 'CANCELLED', cancelReason: 'STOCK_REJECTED', cause, at: new Date() },
        (next) => [
          event(
            OrderCancelled,
            { orderId: next.orderId, customerId: next.customerId, reason: 'STOCK_REJECTED' },
            {
              correlationId: 'cor-race',
              causationId: cause,
            },
          ),
        ],
      );
    const outcomes = await Promise.all([cancel('evt-a'), cancel('evt-b')]);
    expect(outcomes.map((o) => o.result).sort()).toEqual(['applied', 'refused']);
    await until(() => publishedOf('OrderCancelled', 'ord-svc-3')[0]);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(publishedOf('OrderCancelled', 'ord-svc-3')).toHaveLength(1);
  });

  it('moves an order forward only from its allowed states, on the real conditional write', async () => {
    await store.place(storedOrder('ord-svc-4', 'cus-svc', 'CONFIRMED'), []);
    const outcome = await store.changeStatus(
      'ord-svc-4',
      { to: 'RESERVED', cause: 'evt-late', at: new Date() },
      () => [],
    );
    expect(outcome).toMatchObject({ result: 'refused', order: { status: 'CONFIRMED' } });
    expect(await store.get('ord-svc-4')).toMatchObject({ status: 'CONFIRMED', revision: 1 });
  });

  it("lists a customer's orders newest first through the table's index", async () => {
    await store.place(
      storedOrder('ord-list-old', 'cus-list', 'PENDING', { createdAt: '2026-11-25T09:00:00.000Z' }),
      [],
    );
    await store.place(
      storedOrder('ord-list-new', 'cus-list', 'PENDING', { createdAt: '2026-11-25T12:00:00.000Z' }),
      [],
    );
    const orders = await store.listByCustomer('cus-list', 10);
    expect(orders.map((o) => o.orderId)).toEqual(['ord-list-new', 'ord-list-old']);
    expect(orders[0]).toMatchObject({ items: [{ sku: 'SKU-RED-MUG' }] });
  });
});
