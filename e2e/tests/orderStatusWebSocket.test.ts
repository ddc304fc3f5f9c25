import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import { copyFileSync } from 'node:fs';
import { GetQueueUrlCommand, SetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { signDevToken } from '@mesh/bus';
import { pollUntil } from '@mesh/testing';
import { callApi, sharedMesh, type SharedMesh } from '../src/harness';

/*
 * Node 20 has no WebSocket client without a flag; `ws` is installed (serverless-offline's own dependency) but
 * ships no types, so it is required here with the little of its client this test uses.
 */
interface WsClient {
  readonly readyState: number;
  on(event: 'open' | 'close', listener: () => void): unknown;
  on(event: 'message', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'unexpected-response', listener: (request: unknown, response: IncomingMessage) => void): unknown;
  send(data: string): void;
  terminate(): void;
}
const { WebSocket } = createRequire(__filename)('ws') as { WebSocket: new (url: string) => WsClient };
const OPEN = 1;

type Status = 'PENDING' | 'RESERVED' | 'CONFIRMED' | 'CANCELLED';
interface StatusMessage {
  type: 'order-status';
  orderId: string;
  status: Status;
  reason?: string;
}
interface OrderView {
  orderId: string;
  customerId: string;
  status: Status;
}
const ROAD: Status[] = ['PENDING', 'RESERVED', 'CONFIRMED'];

/** One open connection and everything it has received, parsed, in arrival order. */
class Socket {
  readonly received: Record<string, unknown>[] = [];
  private closed = false;

  private constructor(private readonly ws: WsClient) {
    ws.on('message', (data) => {
      try {
        this.received.push(JSON.parse(data.toString('utf8')) as Record<string, unknown>);
      } catch {
        this.received.push({ unparsed: data.toString('utf8') });
      }
    });
    ws.on('close', () => {
      this.closed = true;
    });
  }

  /** Opens `url`; resolves the open socket, or the HTTP status the upgrade was refused with. */
  static connect(url: string, timeoutMs = 10_000): Promise<{ socket: Socket } | { refused: number }> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new Error(`no answer to the WebSocket upgrade of ${url} within ${timeoutMs} ms`));
      }, timeoutMs);
      let settled = false;
      const settle = (outcome: { socket: Socket } | { refused: number } | Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (outcome instanceof Error) reject(outcome);
        else resolve(outcome);
      };
      ws.on('open', () => settle({ socket: new Socket(ws) }));
      ws.on('unexpected-response', (_request, response) => {
        response.resume();
        settle({ refused: response.statusCode ?? 0 });
        ws.terminate();
      });
      ws.on('error', (error) => settle(error));
    });
  }

  send(message: unknown): void {
    if (this.ws.readyState !== OPEN) throw new Error('the socket is not open');
    this.ws.send(JSON.stringify(message));
  }

  /** Waits until some message received from index `from` on matches; returns it and its index. */
  async next(what: string, from: number, match: (m: Record<string, unknown>) => boolean, timeoutMs = 10_000) {
    return pollUntil(
      what,
      timeoutMs,
      async () => {
        const index = this.received.findIndex((m, i) => i >= from && match(m));
        if (index >= 0) return { message: this.received[index]!, index };
        if (this.closed) throw new Error(`the socket closed while waiting for ${what}`);
        return undefined;
      },
      { lastSeen: () => this.received },
    );
  }

  /** Sends a subscribe and waits for its answer: the first message after it naming the order or a problem. */
  async subscribe(orderId: string) {
    const from = this.received.length;
    this.send({ action: 'subscribe', orderId });
    return this.next(
      `the answer to subscribe ${orderId}`,
      from,
      (m) => m.orderId === orderId || typeof m.title === 'string',
    );
  }

  close(): void {
    this.ws.terminate();
  }
}

describe('live order status over the offline mesh WebSocket (/orders)', () => {
  let mesh: SharedMesh;
  const admin = signDevToken({ sub: 'admin-ws', scope: 'admin' });
  const sockets: Socket[] = [];

  beforeAll(async () => {
    // The e2e project's one mesh (orders and payments are what this needs: a CONFIRMED needs the capture). Other
    // files order beside this one: every assertion is about this file's own customers, orders and sockets, and
    // it orders the mugs, whose stock it does not assert (saga.test.ts asserts the stock of the other SKUs).
    mesh = await sharedMesh();
    // Payments refuses a StockReserved that overtook its OrderPlaced until the amount is known; the message comes
    // back after the queue's visibility timeout: 60 s in the templates, 5 s here (as in saga.test.ts), so such an
    // order is CONFIRMED within the test.
    const sqs = new SQSClient({
      endpoint: mesh.edgeUrl,
      region: mesh.region,
      credentials: { accessKeyId: 'ws', secretAccessKey: 'ws' },
    });
    try {
      for (const queueName of [`orders-${mesh.stage}-order-saga`, `payments-${mesh.stage}-order-events`]) {
        const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
        await sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { VisibilityTimeout: '5' } }));
      }
    } finally {
      sqs.destroy();
    }
  }, 300_000);

  afterAll(() => {
    // WS_LOG_FILE=<path> keeps the services' output of the run (of every file on the shared mesh).
    if (process.env.WS_LOG_FILE && mesh) copyFileSync(mesh.logFile, process.env.WS_LOG_FILE);
    for (const socket of sockets) socket.close();
  });

  const ordersUrl = (token: string) => `${mesh.websocketUrl}/orders?token=${encodeURIComponent(token)}`;
  const customer = () => {
    const customerId = `cus-ws-${randomUUID().slice(0, 8)}`;
    return { customerId, token: signDevToken({ sub: customerId }) };
  };

  async function open(token: string): Promise<Socket> {
    const outcome = await Socket.connect(ordersUrl(token));
    if (!('socket' in outcome)) throw new Error(`the connection was refused with ${outcome.refused}`);
    sockets.push(outcome.socket);
    return outcome.socket;
  }

  async function setStock(sku: string, onHand: number) {
    const put = await callApi(mesh.httpUrl, 'PUT', `/inventory/stock/${sku}`, { token: admin, body: { onHand } });
    expect(put.status).toBe(200);
  }

  async function placeOrder(token: string, sku: string) {
    const placed = await callApi<OrderView>(mesh.httpUrl, 'POST', '/orders/orders', {
      token,
      body: { items: [{ sku, quantity: 1 }] },
    });
    expect(placed.status).toBe(201);
    expect(placed.body.status).toBe('PENDING');
    return placed.body.orderId;
  }

  /** Every status message of `orderId` the socket has received (answer and pushes), in order. */
  const statusesOf = (socket: Socket, orderId: string) =>
    socket.received
      .filter((m): m is StatusMessage & Record<string, unknown> => m.type === 'order-status' && m.orderId === orderId)
      .map((m) => m.status);

  it('refuses a connection whose token is missing, malformed or not signed with the development secret (401)', async () => {
    const forged = signDevToken({ sub: 'cus-ws-forged' }, { secret: 'not-the-mesh-secret' });
    const expired = signDevToken({ sub: 'cus-ws-expired' }, { now: () => new Date(Date.now() - 2 * 3600_000) });
    const outcomes = await Promise.all([
      Socket.connect(ordersUrl(forged)),
      Socket.connect(ordersUrl(expired)),
      Socket.connect(ordersUrl('not-a-jwt')),
      Socket.connect(`${mesh.websocketUrl}/orders`),
    ]);
    for (const outcome of outcomes) {
      if ('socket' in outcome) sockets.push(outcome.socket);
    }
    expect(outcomes).toEqual([{ refused: 401 }, { refused: 401 }, { refused: 401 }, { refused: 401 }]);
  });

  it("answers a customer's subscribe with the order's current status, then pushes every change until CONFIRMED", async () => {
    const sku = 'SKU-RED-MUG';
    await setStock(sku, 50);
    const { token } = customer();
    const socket = await open(token);
    // An unknown order first: a 404 answer that also warms the subscribe handler, so the real subscribe below
    // is answered well before the saga (several hops through queues, streams and the bus) moves the order.
    const unknownId = `ord-${randomUUID()}`;
    const unknown = await socket.subscribe(unknownId);
    // Errors on the WebSocket are RFC 9457 problems too, the same body as the HTTP API's.
    expect(unknown.message).toEqual({
      type: 'urn:mesh:problem:order-not-found',
      title: 'Order not found',
      status: 404,
      detail: `order ${unknownId} does not exist`,
      orderId: unknownId,
    });

    const orderId = await placeOrder(token, sku);
    const answer = await socket.subscribe(orderId);
    expect(answer.message).toEqual({ type: 'order-status', orderId, status: expect.any(String) });
    const first = answer.message.status as Status;
    // Answered before the saga finished, so the test sees pushes, not only the end state.
    expect(['PENDING', 'RESERVED']).toContain(first);

    await socket.next(`a pushed CONFIRMED of ${orderId}`, answer.index + 1, (m) => m.status === 'CONFIRMED', 30_000);
    const statuses = statusesOf(socket, orderId);
    // The answer, then later statuses in order (a status seen twice is allowed by the README, when a change
    // races the subscription: folded here), never an older one after a newer one, ending CONFIRMED. RESERVED
    // may be skipped: a PaymentCaptured that overtakes its StockReserved confirms a PENDING order at once.
    const folded = statuses.filter((status, i) => i === 0 || statuses[i - 1] !== status);
    const steps = folded.map((status) => ROAD.indexOf(status));
    expect(folded[0]).toBe(first);
    expect(folded.at(-1)).toBe('CONFIRMED');
    expect(steps.every((step, i) => step >= 0 && (i === 0 || step > steps[i - 1]!))).toBe(true);
    expect(socket.received.filter((m) => m.type === 'order-status' && m.orderId !== orderId)).toEqual([]);
    console.log(`WebSocket statuses of ${orderId}: ${statuses.join(' → ')} (answer ${first}, then pushes)`);

    const got = await callApi<OrderView>(mesh.httpUrl, 'GET', `/orders/orders/${orderId}`, { token });
    expect(got.body.status).toBe('CONFIRMED');
    const again = await socket.subscribe(orderId);
    expect(again.message).toEqual({ type: 'order-status', orderId, status: 'CONFIRMED' });
  });

  it("refuses a subscribe to another customer's order (403) and pushes it nothing; an admin may follow it", async () => {
    const sku = 'SKU-BLUE-MUG';
    await setStock(sku, 50);
    const owner = customer();
    const stranger = customer();
    const [ownerSocket, strangerSocket, adminSocket] = await Promise.all([
      open(owner.token),
      open(stranger.token),
      open(admin),
    ]);
    // Warm the subscribe handler (as above) so the owner's answer comes before the order moves on.
    await ownerSocket.subscribe(`ord-${randomUUID()}`);

    const orderId = await placeOrder(owner.token, sku);
    const mine = await ownerSocket.subscribe(orderId);
    expect(mine.message).toMatchObject({ type: 'order-status', orderId });
    const refused = await strangerSocket.subscribe(orderId);
    expect(refused.message).toEqual({
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
      detail: 'the caller may not do this',
    });
    const followed = await adminSocket.subscribe(orderId);
    expect(followed.message).toMatchObject({ type: 'order-status', orderId });

    // Every push of a change goes to all of the order's subscribers at once: once the owner and the admin have
    // CONFIRMED, the stranger would have had it too, had the refused subscribe been recorded.
    await Promise.all(
      [ownerSocket, adminSocket].map((s) =>
        s.next(`a pushed CONFIRMED of ${orderId}`, 0, (m) => m.orderId === orderId && m.status === 'CONFIRMED', 30_000),
      ),
    );
    expect(strangerSocket.received.filter((m) => m.type === 'order-status')).toEqual([]);
  });
});
