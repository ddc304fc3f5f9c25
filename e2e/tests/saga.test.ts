import { randomUUID } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetQueueUrlCommand, SetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { signDevToken } from '@mesh/bus';
import { formatTrace, readTrace } from '@mesh/ops';
import type { Hop } from '@mesh/offline';
import { pollUntil, problemOf } from '@mesh/testing';
import { BusTap, callApi, outputOf, sharedMesh, untilSettled, type SharedMesh, type TappedEvent } from '../src/harness';

const credentials = { accessKeyId: 'saga', secretAccessKey: 'saga' };

/*
 * The SKUs whose stock this file asserts: no other file of the shared mesh touches them (the price list has six;
 * orderStatusWebSocket.test.ts and console.test.ts order the mugs and assert nothing about stock).
 */
const SKU = {
  teaGreen: 'SKU-TEA-GREEN',
  teaBlack: 'SKU-TEA-BLACK',
  teapot: 'SKU-TEAPOT',
  coasters: 'SKU-COASTER-SET',
} as const;

type Status = 'PENDING' | 'RESERVED' | 'CONFIRMED' | 'CANCELLED';
interface OrderView {
  orderId: string;
  customerId: string;
  status: Status;
  items: { sku: string; quantity: number; unitPrice: { amount: number; currency: string } }[];
  total: { amount: number; currency: string };
  cancelReason?: string;
}
interface StockLevel {
  sku: string;
  onHand: number;
  reserved: number;
  available: number;
}
interface NotificationView {
  orderId: string;
  eventId: string;
  kind: 'ORDER_PLACED' | 'ORDER_CONFIRMED' | 'ORDER_CANCELLED' | 'PAYMENT_REFUNDED';
}

// Where each status sits on the saga's one-way road: an order's observed statuses must never go down.
const RANK: Record<Status, number> = { PENDING: 0, RESERVED: 1, CONFIRMED: 2, CANCELLED: 2 };

describe('the order saga through the whole offline mesh', () => {
  let mesh: SharedMesh;
  let stage: string;
  let clients: { events: EventBridgeClient; sqs: SQSClient; dynamo: DynamoDBClient; s3: S3Client };
  let tap: BusTap;
  const admin = signDevToken({ sub: 'admin-saga', scope: 'admin' });

  beforeAll(async () => {
    // The e2e project's one mesh (every service, free ports, its own stage): its other files run beside this
    // one, so every assertion here is about this file's own customers, orders, SKUs and correlation ids.
    mesh = await sharedMesh();
    stage = mesh.stage;
    const config = { endpoint: mesh.edgeUrl, region: mesh.region, credentials };
    clients = {
      events: new EventBridgeClient(config),
      sqs: new SQSClient(config),
      dynamo: new DynamoDBClient(config),
      s3: new S3Client({ ...config, forcePathStyle: true }),
    };
    // A delivery its observer refuses on purpose (payments' StockReserved ahead of its OrderPlaced) comes back after
    // the queue's visibility timeout: 60 s in the templates, 5 s here, so the retry happens within the test.
    // maxReceiveCount and everything else stay as declared. (orderStatusWebSocket.test.ts sets the same.)
    for (const queueName of [`orders-${stage}-order-saga`, `payments-${stage}-order-events`]) {
      const { QueueUrl } = await clients.sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
      await clients.sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { VisibilityTimeout: '5' } }));
    }
    tap = await BusTap.start({
      events: clients.events,
      sqs: clients.sqs,
      busName: busName(),
      name: `saga-tap-${randomUUID().slice(0, 8)}`,
      patterns: [{ source: ['mesh.orders', 'mesh.inventory', 'mesh.payments'] }],
      region: mesh.region,
      accountId: mesh.accountId,
    });
  }, 300_000);

  afterAll(async () => {
    // SAGA_LOG_FILE=<path> keeps the services' output of the run (of every file on the shared mesh), to read
    // why a step stalled.
    if (process.env.SAGA_LOG_FILE && mesh) copyFileSync(mesh.logFile, process.env.SAGA_LOG_FILE);
    await tap?.stop();
    if (clients) for (const client of Object.values(clients)) client.destroy();
  }, 60_000);

  const busName = () => outputOf(mesh, 'bus', 'EventBusName');
  const receiptsBucket = () => outputOf(mesh, 'payments', 'ReceiptsBucketName');
  const customer = () => {
    const customerId = `cus-saga-${randomUUID().slice(0, 8)}`;
    return { customerId, token: signDevToken({ sub: customerId }) };
  };

  async function setStock(sku: string, onHand: number): Promise<StockLevel> {
    const put = await callApi<StockLevel>(mesh.httpUrl, 'PUT', `/inventory/stock/${sku}`, {
      token: admin,
      body: { onHand },
    });
    // The status with the body: a failed function's error shows in the report.
    expect(`${put.status} ${JSON.stringify(put.body)}`).toMatch(/^200 /);
    return put.body;
  }

  async function stockOf(sku: string): Promise<StockLevel> {
    const got = await callApi<StockLevel>(mesh.httpUrl, 'GET', `/inventory/stock/${sku}`, { token: admin });
    expect(`${got.status} ${JSON.stringify(got.body)}`).toMatch(/^200 /);
    return got.body;
  }

  async function placeOrder(token: string, items: { sku: string; quantity: number }[]) {
    return callApi<OrderView>(mesh.httpUrl, 'POST', '/orders/orders', { token, body: { items } });
  }

  /**
   * Polls the order until `done` holds, keeping every status seen (consecutive repeats folded), so a test can
   * show the order never moved backwards on the way.
   */
  async function followOrder(token: string, orderId: string, done: (order: OrderView) => boolean, timeoutMs = 30_000) {
    const history: Status[] = [];
    let last: OrderView | undefined;
    const order = await pollUntil(
      `order ${orderId} to settle`,
      timeoutMs,
      async () => {
        const got = await callApi<OrderView>(mesh.httpUrl, 'GET', `/orders/orders/${orderId}`, { token });
        if (got.status !== 200 || !got.body.status) {
          throw new Error(`GET order ${orderId} answered ${got.status} ${JSON.stringify(got.body)}`);
        }
        last = got.body;
        if (history.at(-1) !== got.body.status) history.push(got.body.status);
        return done(got.body) ? got.body : undefined;
      },
      { lastSeen: () => ({ last, history }) },
    );
    return { order, history };
  }

  function expectNeverBackwards(history: readonly Status[]) {
    const ranks = history.map((status) => RANK[status]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    // At most one terminal status: CONFIRMED never becomes CANCELLED nor the other way round.
    expect(history.filter((status) => RANK[status] === 2).length).toBeLessThanOrEqual(1);
  }

  async function notificationsOf(token: string, orderId: string): Promise<NotificationView[]> {
    const got = await callApi<{ notifications: NotificationView[] }>(
      mesh.httpUrl,
      'GET',
      '/notifications/notifications',
      { token },
    );
    expect(got.status).toBe(200);
    return got.body.notifications.filter((n) => n.orderId === orderId);
  }

  async function notificationKinds(token: string, orderId: string, count: number) {
    const found = await pollUntil(`${count} notification(s) of ${orderId}`, 15_000, async () => {
      const list = await notificationsOf(token, orderId);
      return list.length >= count ? list : undefined;
    });
    return found.map((n) => n.kind).sort();
  }

  /**
   * Waits until every delivery of these correlation ids (this test's requests and events) to the saga's
   * consumers has been handled: what was delivered is handled, whatever the other files send meanwhile.
   */
  async function settled(...correlationIds: string[]) {
    await untilSettled(correlationIds, {
      edgeUrl: mesh.edgeUrl,
      sqs: clients.sqs,
      consumerQueues: [
        `orders-${stage}-order-saga`,
        `payments-${stage}-order-events`,
        `notifications-${stage}-order-lifecycle`,
        `inventory-${stage}-commands.fifo`,
      ],
      commandQueues: [`inventory-${stage}-commands.fifo`],
    });
  }

  /** The correlation id the mesh gave a request (its `x-correlation-id` answer header). */
  const correlationOf = (answer: { headers?: Headers }) => {
    const id = answer.headers?.get('x-correlation-id');
    if (!id) throw new Error('the answer carries no x-correlation-id');
    return id;
  };

  async function paymentOf(orderId: string) {
    const { Item } = await clients.dynamo.send(
      new GetItemCommand({
        TableName: `payments-${stage}`,
        Key: { pk: { S: `PAYMENT#${orderId}` }, sk: { S: 'PAYMENT' } },
        ConsistentRead: true,
      }),
    );
    return Item;
  }

  async function republish(original: TappedEvent) {
    const put = await clients.events.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: busName(),
            Source: original.source,
            DetailType: original.detailType,
            Detail: JSON.stringify(original.detail),
          },
        ],
      }),
    );
    expect(put.FailedEntryCount).toBe(0);
  }

  async function publish(source: string, detailType: string, data: Record<string, unknown>, eventId: string) {
    await republish({
      id: '',
      source,
      detailType,
      detail: {
        eventId,
        version: 1,
        occurredAt: new Date().toISOString(),
        correlationId: `cor-${eventId}`,
        causationId: `test-${eventId}`,
        data,
      },
    });
  }

  /**
   * The distinct events of `detailType` published for the order, by eventId: delivery is at least once, and a
   * service that handles a message again after its visibility timeout (a busy machine) publishes the same event
   * again with the same eventId — that is one capture, one refund, not two.
   */
  const publishedOnce = (detailType: string, orderId: string) => [
    ...new Map(tap.of(detailType, orderId).map((e) => [e.detail.eventId, e])).values(),
  ];

  async function tapped(detailType: string, orderId: string, count = 1) {
    return pollUntil(`${count} ${detailType} of ${orderId} on the bus`, 15_000, async () => {
      const found = tap.of(detailType, orderId);
      return found.length >= count ? found : undefined;
    });
  }

  it('confirms a paid order: stock reserved, receipt in S3, the customer told it was placed and confirmed', async () => {
    const sku = SKU.teaGreen;
    const before = await setStock(sku, 20);
    const { customerId, token } = customer();

    const started = performance.now();
    const placed = await placeOrder(token, [{ sku, quantity: 2 }]);
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ customerId, status: 'PENDING', total: { amount: 1780, currency: 'EUR' } });
    const { orderId } = placed.body;
    const { order, history } = await followOrder(token, orderId, (o) => o.status === 'CONFIRMED');
    const confirmedMs = Math.round(performance.now() - started);
    console.log(
      `place → CONFIRMED in ${confirmedMs} ms through the offline mesh (statuses seen: ${history.join(' → ')})`,
    );

    expect(order.status).toBe('CONFIRMED');
    expectNeverBackwards(history);
    // Confirmed stock stays reserved for the order: on hand unchanged, two fewer available.
    expect(await stockOf(sku)).toEqual({
      sku,
      onHand: before.onHand,
      reserved: before.reserved + 2,
      available: before.available - 2,
    });
    expect(await notificationKinds(token, orderId, 2)).toEqual(['ORDER_CONFIRMED', 'ORDER_PLACED']);

    const receipt = await clients.s3.send(
      new GetObjectCommand({ Bucket: receiptsBucket(), Key: `receipts/${orderId}.json` }),
    );
    expect(JSON.parse(await receipt.Body!.transformToString())).toMatchObject({
      orderId,
      amount: { amount: 1780, currency: 'EUR' },
    });
    expect((await paymentOf(orderId))?.status?.S).toBe('CAPTURED');
  });

  it('records every hop of a placed order by its correlation id, across orders, inventory and payments', async () => {
    await setStock(SKU.teaGreen, 10);
    const { token } = customer();
    const placed = await placeOrder(token, [{ sku: SKU.teaGreen, quantity: 1 }]);
    expect(placed.status).toBe(201);
    const correlationId = correlationOf(placed);
    await followOrder(token, placed.body.orderId, (o) => o.status === 'CONFIRMED');
    await notificationKinds(token, placed.body.orderId, 2);
    await settled(correlationId);

    const trace = await readTrace(mesh.edgeUrl, correlationId);
    console.log(`hops of one confirmed order (mesh trace ${correlationId}):\n${formatTrace(trace)}`);
    // Each service's consumer received a message of this order and handled it, timed.
    const handled = trace.hops.filter((hop) => hop.kind === 'handled');
    expect(new Set(handled.map((hop) => hop.service))).toEqual(
      new Set(['orders', 'inventory', 'payments', 'notifications']),
    );
    for (const hop of handled) expect(hop.durationMs).toBeGreaterThanOrEqual(0);
    // OrderPlaced, from the outbox to payments' queue and function: published → matched → delivered → received → handled.
    const toPayments = (hop: Hop) =>
      hop.kind === 'published' ||
      hop.rule?.startsWith(`payments-${stage}-`) ||
      hop.queue === `payments-${stage}-order-events`;
    const orderPlaced = trace.hops.filter((hop) => hop.name === 'OrderPlaced' && toPayments(hop));
    const kinds = orderPlaced.map((hop) => hop.kind).filter((kind) => kind !== 'failed');
    expect(kinds.slice(0, 3)).toEqual(['published', 'matched', 'delivered']);
    expect(kinds.slice(-2)).toEqual(['received', 'handled']);
    // inventory's command came straight to its FIFO queue: sent → received → handled.
    const reserve = trace.hops.filter((hop) => hop.name === 'ReserveStock').map((hop) => hop.kind);
    expect(reserve.slice(0, 2)).toEqual(['sent', 'received']);
    expect(reserve.at(-1)).toBe('handled');
    expect(trace.timeSpent.map((row) => row.phase)).toEqual(expect.arrayContaining(['bus', 'queue', 'handler']));
    expect(trace.spanMs).toBeGreaterThan(0);
  });

  it('cancels an order the stock cannot cover (STOCK_REJECTED) and leaves the stock as it was', async () => {
    const sku = SKU.teapot;
    const before = await setStock(sku, 2);
    const { token } = customer();

    const placed = await placeOrder(token, [{ sku, quantity: 3 }]);
    expect(placed.status).toBe(201);
    const { order, history } = await followOrder(token, placed.body.orderId, (o) => o.status === 'CANCELLED');

    expect(order.cancelReason).toBe('STOCK_REJECTED');
    expect(history).not.toContain('RESERVED');
    expect(await stockOf(sku)).toEqual(before);
    expect(await notificationKinds(token, order.orderId, 2)).toEqual(['ORDER_CANCELLED', 'ORDER_PLACED']);
    // payments saw the amount (OrderPlaced), then the cancellation: the payment is voided, never captured.
    const voided = await pollUntil(`payment of ${order.orderId} to be voided`, 20_000, async () =>
      (await paymentOf(order.orderId))?.status?.S === 'CANCELLED' ? true : undefined,
    );
    expect(voided).toBe(true);
  });

  it('cancels an order whose payment is declined (total ending in 13 cents) and releases its reserved stock', async () => {
    // 87 coaster sets at 4.99 EUR = 434.13 EUR: the fake provider declines minor units ending in 13.
    const sku = SKU.coasters;
    const before = await setStock(sku, 100);
    const { token } = customer();

    const placed = await placeOrder(token, [{ sku, quantity: 87 }]);
    expect(placed.status).toBe(201);
    expect(placed.body.total).toEqual({ amount: 43413, currency: 'EUR' });
    const { orderId } = placed.body;
    const { order, history } = await followOrder(token, orderId, (o) => o.status === 'CANCELLED');

    expect(order.cancelReason).toBe('PAYMENT_DECLINED');
    expectNeverBackwards(history);
    // Stock was reserved (the payment is taken only then) and the compensation gave it back.
    expect((await tapped('StockReserved', orderId))[0]!.detail.data.items).toEqual([{ sku, quantity: 87 }]);
    await tapped('StockReleased', orderId);
    expect(await stockOf(sku)).toEqual(before);
    expect((await paymentOf(orderId))?.status?.S).toBe('DECLINED');
    expect(await notificationKinds(token, orderId, 2)).toEqual(['ORDER_CANCELLED', 'ORDER_PLACED']);
  });

  it('lets a customer cancel their pending order (CUSTOMER_REQUEST), leaving no stock reserved for it; refuses others with 403, 404 and 400', async () => {
    const sku = SKU.teaBlack;
    const before = await setStock(sku, 10);
    const owner = customer();
    const stranger = customer();

    // The refusals first: they also warm the cancel handler, whose cold start (~0.5 s offline) would otherwise
    // let the saga confirm the order before the customer's cancel arrives.
    const unknown = await callApi(mesh.httpUrl, 'POST', `/orders/orders/ord-${randomUUID()}/cancel`, {
      token: owner.token,
    });
    expect(unknown.status).toBe(404);
    expect(problemOf(unknown)).toMatchObject({ type: 'urn:mesh:problem:order-not-found', status: 404 });
    const badBody = await callApi(mesh.httpUrl, 'POST', '/orders/orders', {
      token: owner.token,
      body: { items: [{ sku: 'not a sku', quantity: 0 }] },
    });
    expect(badBody.status).toBe(400);
    expect(problemOf(badBody)).toMatchObject({ type: 'urn:mesh:problem:invalid-request', status: 400 });
    expect(problemOf(badBody).errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ pointer: '/body/items/0/sku' }),
        expect.objectContaining({ pointer: '/body/items/0/quantity' }),
      ]),
    );

    const placed = await placeOrder(owner.token, [{ sku, quantity: 3 }]);
    expect(placed.status).toBe(201);
    const { orderId } = placed.body;
    const cancelled = await callApi<OrderView>(mesh.httpUrl, 'POST', `/orders/orders/${orderId}/cancel`, {
      token: owner.token,
    });
    expect(cancelled.body).toMatchObject({ orderId, status: 'CANCELLED', cancelReason: 'CUSTOMER_REQUEST' });
    expect(cancelled.status).toBe(200);
    const forbidden = await callApi(mesh.httpUrl, 'POST', `/orders/orders/${orderId}/cancel`, {
      token: stranger.token,
    });
    expect(forbidden.status).toBe(403);
    expect(problemOf(forbidden)).toMatchObject({ type: 'about:blank', title: 'Forbidden', status: 403 });

    // However the race with the saga went — cancelled before the saga asked for stock (nothing reserved), or
    // reserved before or after the cancel (released by the cancel or by the saga finding the order cancelled) —
    // no stock stays reserved for the order, and every reservation made for it was released.
    await settled(correlationOf(placed), correlationOf(cancelled));
    expect(await stockOf(sku)).toEqual(before);
    const reservations = publishedOnce('StockReserved', orderId).length;
    expect(publishedOnce('StockReleased', orderId)).toHaveLength(reservations);
    console.log(`customer cancel of ${orderId}: ${reservations} reservation(s) made and released`);
    const { order, history } = await followOrder(owner.token, orderId, (o) => o.status === 'CANCELLED');
    expect(history).toEqual(['CANCELLED']);
    expect(order.cancelReason).toBe('CUSTOMER_REQUEST');

    // And the customer pays nothing: the payment was voided before any capture, or — when a reservation landed
    // before the cancel and payments captured on it — refunded in full, once, and the customer told so.
    const payment = await pollUntil(`payment of ${orderId} to settle`, 20_000, async () => {
      const status = (await paymentOf(orderId))?.status?.S;
      return status === 'CANCELLED' || status === 'REFUNDED' ? status : undefined;
    });
    const captures = publishedOnce('PaymentCaptured', orderId).length;
    if (payment === 'REFUNDED') await tapped('PaymentRefunded', orderId);
    const refunds = publishedOnce('PaymentRefunded', orderId).length;
    expect(refunds).toBe(captures);
    console.log(`customer cancel of ${orderId}: payment ${payment}, ${captures} capture(s), ${refunds} refund(s)`);
    const expectedKinds =
      payment === 'REFUNDED'
        ? ['ORDER_CANCELLED', 'ORDER_PLACED', 'PAYMENT_REFUNDED']
        : ['ORDER_CANCELLED', 'ORDER_PLACED'];
    expect(await notificationKinds(owner.token, orderId, expectedKinds.length)).toEqual(expectedKinds);
  });

  it('refunds in full, once, a captured payment whose order is cancelled, and tells the customer', async () => {
    // A customer may cancel a RESERVED order while its capture is under way; payments then refunds what it
    // captured. The race cannot be steered through the API, so the cancellation is published here the way
    // orders publishes it, for an order whose capture is done.
    const sku = SKU.coasters;
    await setStock(sku, 5);
    const { customerId, token } = customer();
    const placed = await placeOrder(token, [{ sku, quantity: 1 }]);
    expect(placed.status).toBe(201);
    const { orderId, total } = placed.body;
    await followOrder(token, orderId, (o) => o.status === 'CONFIRMED');
    const [captured] = await tapped('PaymentCaptured', orderId);

    const cancelId = `evt-cancel-${randomUUID()}`;
    const cancellation: TappedEvent = {
      id: '',
      source: 'mesh.orders',
      detailType: 'OrderCancelled',
      detail: {
        eventId: cancelId,
        version: 1,
        occurredAt: new Date().toISOString(),
        correlationId: `cor-${cancelId}`,
        causationId: `test-${cancelId}`,
        data: { orderId, customerId, reason: 'CUSTOMER_REQUEST' },
      },
    };
    await republish(cancellation);
    await republish(cancellation); // the same event twice: delivery is at least once
    const [refunded] = await tapped('PaymentRefunded', orderId);
    await settled(correlationOf(placed), `cor-${cancelId}`);

    const paymentId = (captured!.detail.data as { paymentId: string }).paymentId;
    expect(refunded!.detail).toMatchObject({
      correlationId: `cor-${cancelId}`,
      causationId: cancelId,
      data: { orderId, customerId, paymentId, amount: total, refundId: expect.any(String) },
    });
    expect(publishedOnce('PaymentRefunded', orderId)).toHaveLength(1);
    expect((await paymentOf(orderId))?.status?.S).toBe('REFUNDED');
    expect(await notificationKinds(token, orderId, 4)).toEqual([
      'ORDER_CANCELLED',
      'ORDER_CONFIRMED',
      'ORDER_PLACED',
      'PAYMENT_REFUNDED',
    ]);
  });

  it('changes nothing when StockReserved and PaymentCaptured are delivered again with the same eventId', async () => {
    const sku = SKU.teaGreen;
    await setStock(sku, 10);
    const { token } = customer();
    const started = performance.now();
    const placed = await placeOrder(token, [{ sku, quantity: 1 }]);
    expect(placed.status).toBe(201);
    const { orderId } = placed.body;
    await followOrder(token, orderId, (o) => o.status === 'CONFIRMED');
    console.log(`place → CONFIRMED in ${Math.round(performance.now() - started)} ms with warm handlers`);
    await notificationKinds(token, orderId, 2);
    // The replays below carry the order's own envelope, so its correlation id covers them too.
    const correlationId = correlationOf(placed);
    await settled(correlationId);

    const [reserved] = await tapped('StockReserved', orderId);
    const [captured] = await tapped('PaymentCaptured', orderId);
    const stock = await stockOf(sku);
    const payment = await paymentOf(orderId);
    const receipt = await clients.s3.send(
      new HeadObjectCommand({ Bucket: receiptsBucket(), Key: `receipts/${orderId}.json` }),
    );
    const notifications = await notificationsOf(token, orderId);

    await republish(reserved!);
    await republish(captured!);
    // Both replays reached the bus (and so every subscriber's queue) ...
    await tapped('StockReserved', orderId, 2);
    await tapped('PaymentCaptured', orderId, 2);
    // ... and every consumer has handled them.
    await settled(correlationId);

    expect(await paymentOf(orderId)).toEqual(payment);
    const receiptAfter = await clients.s3.send(
      new HeadObjectCommand({ Bucket: receiptsBucket(), Key: `receipts/${orderId}.json` }),
    );
    expect({ etag: receiptAfter.ETag, modified: receiptAfter.LastModified }).toEqual({
      etag: receipt.ETag,
      modified: receipt.LastModified,
    });
    const after = await followOrder(token, orderId, () => true);
    expect(after.order.status).toBe('CONFIRMED');
    expect(await stockOf(sku)).toEqual(stock);
    expect(await notificationsOf(token, orderId)).toEqual(notifications);
    // Nothing new was published for the order: one capture, one confirmation.
    expect(tap.of('PaymentCaptured', orderId).map((e) => e.detail.eventId)).toEqual([
      captured!.detail.eventId,
      captured!.detail.eventId,
    ]);
    expect(publishedOnce('OrderConfirmed', orderId)).toHaveLength(1);
  });

  it('confirms an order once when a second PaymentCaptured races the real reservation and capture', async () => {
    const sku = SKU.teaBlack;
    const before = await setStock(sku, 10);
    const { token } = customer();
    const placed = await placeOrder(token, [{ sku, quantity: 1 }]);
    expect(placed.status).toBe(201);
    const { orderId, total } = placed.body;

    // Once inventory holds the stock, a capture is what payments publishes next. This one races the real
    // StockReserved and PaymentCaptured to the saga (bus → queue → poller), in no set order: a capture that lands
    // while the order is still PENDING confirms it at once (payments captures only on StockReserved, so a capture
    // proves the reservation; the unit tests pin that path), and whatever lands after changes nothing.
    await pollUntil(`stock of ${sku} reserved`, 15_000, async () =>
      (await stockOf(sku)).reserved > before.reserved ? true : undefined,
    );
    const earlyPaymentId = `pay-early-${randomUUID()}`;
    const earlyEventId = `evt-early-${randomUUID()}`;
    await publish(
      'mesh.payments',
      'PaymentCaptured',
      { orderId, paymentId: earlyPaymentId, amount: total, receiptKey: `receipts/${orderId}.json` },
      earlyEventId,
    );
    const { order, history } = await followOrder(token, orderId, (o) => o.status === 'CONFIRMED');
    expectNeverBackwards(history);
    await tapped('StockReserved', orderId);
    const captures = await tapped('PaymentCaptured', orderId, 2);
    await settled(correlationOf(placed), `cor-${earlyEventId}`);
    const paymentIds = captures.map((c) => c.detail.data.paymentId);
    expect(paymentIds).toContain(earlyPaymentId);
    const [confirmed] = tap.of('OrderConfirmed', orderId);
    expect(paymentIds).toContain(confirmed?.detail.data.paymentId);

    const final = await followOrder(token, orderId, () => true);
    expect(final.order).toEqual(order);
    expect(publishedOnce('OrderConfirmed', orderId)).toHaveLength(1);
    expect((await notificationsOf(token, orderId)).map((n) => n.kind).sort()).toEqual([
      'ORDER_CONFIRMED',
      'ORDER_PLACED',
    ]);
    console.log(`PaymentCaptured raced StockReserved for ${orderId}: statuses seen: ${history.join(' → ')}`);
  });

  it('never revives an order the saga cancelled, whatever PaymentCaptured arrives for it', async () => {
    const sku = SKU.teapot;
    const before = await setStock(sku, 1);
    const { token } = customer();
    const placed = await placeOrder(token, [{ sku, quantity: 5 }]);
    expect(placed.status).toBe(201);
    const { orderId, total } = placed.body;

    const { order, history } = await followOrder(token, orderId, (o) => o.status === 'CANCELLED');
    expect(order.cancelReason).toBe('STOCK_REJECTED');
    // A capture can only follow a reservation, so one that reaches a cancelled order is late (or stray):
    // it must never revive the order.
    const lateEventId = `evt-late-${randomUUID()}`;
    await publish(
      'mesh.payments',
      'PaymentCaptured',
      { orderId, paymentId: `pay-late-${randomUUID()}`, amount: total, receiptKey: `receipts/${orderId}.json` },
      lateEventId,
    );
    await tapped('PaymentCaptured', orderId, 1);
    await settled(correlationOf(placed), `cor-${lateEventId}`);

    const final = await followOrder(token, orderId, () => true);
    expect(final.order).toEqual(order);
    expect(history).toEqual(expect.not.arrayContaining(['RESERVED', 'CONFIRMED']));
    expect(tap.of('OrderConfirmed', orderId)).toHaveLength(0);
    expect(await stockOf(sku)).toEqual(before);
    expect((await notificationsOf(token, orderId)).map((n) => n.kind).sort()).toEqual([
      'ORDER_CANCELLED',
      'ORDER_PLACED',
    ]);
  });
});
