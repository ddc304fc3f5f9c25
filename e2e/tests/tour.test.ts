import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { signDevToken } from '@mesh/bus';
import { DEMO_STOCK } from '@mesh/inventory';
import { startMesh, type StartedMesh } from '@mesh/offline';
import { readTrace, startConsole } from '@mesh/ops';
import { pollUntil } from '@mesh/testing';
import { callApi } from '../src/harness';

const ROOT = path.resolve(__dirname, '../..');
const STAGE = 'tour';
const region = 'us-east-1';

/**
 * The README's two-minute tour, read from the README itself and run against the mesh `npm run dev` starts
 * (seeded, free ports, a stage of its own): if the README's orders, correlation id or stock key drift from
 * what the mesh does, this fails. The curl, mintToken and AWS CLI around them are exercised by hand on a
 * fresh clone; here they are the same requests through fetch, signDevToken and the AWS SDK.
 */
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** Every order body of the README, in order: the tour's order first, then the ones that fail. */
const orderBodies = [...README.matchAll(/\{"items":\[.*?\]\}/g)].map(
  (match) => JSON.parse(match[0]) as { items: { sku: string; quantity: number }[] },
);
const correlationId = /x-correlation-id: ([\w.:-]+)/.exec(README)?.[1];
const stockLookup = /dynamodb get-item --table-name inventory-dev \\\s*--key '([^']+)'/.exec(README);
const stockComment = /# available: (\d+) of (\d+)/.exec(README);

interface OrderView {
  orderId: string;
  status: 'PENDING' | 'RESERVED' | 'CONFIRMED' | 'CANCELLED';
  cancelReason?: string;
}

describe("the README's tour", () => {
  let mesh: StartedMesh;
  const token = signDevToken({ sub: 'cus-1' });
  const logs: string[] = [];

  beforeAll(async () => {
    mesh = await startMesh({
      rootDir: ROOT,
      stage: STAGE,
      edgePort: 0,
      httpPort: 0,
      websocketPort: 0,
      seed: true,
      console: { port: 0, start: startConsole },
      onLog: (service, line) => logs.push(`[${service}] ${line}`),
    });
  }, 300_000);

  afterAll(async () => {
    await mesh?.stop();
  }, 60_000);

  async function place(body: unknown, correlation?: string): Promise<OrderView> {
    const placed = await callApi<OrderView>(mesh.httpUrl, 'POST', '/orders/orders', {
      token,
      body,
      ...(correlation ? { correlationId: correlation } : {}),
    });
    expect(placed.status).toBe(201);
    expect(placed.body.status).toBe('PENDING');
    return placed.body;
  }

  /** Reads the order back, as the tour's second curl does, until the saga has settled it. */
  async function settled(orderId: string): Promise<OrderView> {
    let last: unknown;
    return pollUntil(
      `order ${orderId} to end`,
      120_000,
      async () => {
        const read = await callApi<OrderView>(mesh.httpUrl, 'GET', `/orders/orders/${orderId}`, { token });
        last = read.body;
        return read.body.status === 'CONFIRMED' || read.body.status === 'CANCELLED' ? read.body : undefined;
      },
      { intervalMs: 250, lastSeen: () => last },
    );
  }

  it('is written as this test reads it: three orders, a correlation id, the stock lookup', () => {
    expect(orderBodies).toHaveLength(3);
    expect(correlationId).toBeDefined();
    expect(stockLookup).not.toBeNull();
    expect(stockComment).not.toBeNull();
  });

  it('seeds the demo stock as the mesh starts', () => {
    const inventory = mesh.services.find((service) => service.name === 'inventory')!;
    expect(inventory.seeded).toEqual({ written: Object.keys(DEMO_STOCK).length, kept: 0 });
  });

  it('ends the tour order CONFIRMED, with its trace through every service and the stock it took', async () => {
    const order = await place(orderBodies[0], correlationId);
    expect(await settled(order.orderId)).toMatchObject({ status: 'CONFIRMED' });

    // `npm run mesh -- trace tour-1`: every step of the saga under the README's correlation id.
    const trace = await pollUntil('the OrderConfirmed hop', 30_000, async () => {
      const read = await readTrace(mesh.edgeUrl, correlationId!);
      return read.hops.some((hop) => hop.name === 'OrderConfirmed') ? read : undefined;
    });
    const names = new Set(trace.hops.map((hop) => hop.name));
    for (const name of ['OrderPlaced', 'ReserveStock', 'StockReserved', 'PaymentCaptured', 'OrderConfirmed']) {
      expect(names).toContain(name);
    }

    // `aws --endpoint-url … dynamodb get-item …`: the README's key, the stock its comment promises.
    const dynamo = new DynamoDBClient({
      endpoint: mesh.edgeUrl,
      region,
      credentials: { accessKeyId: 'offline', secretAccessKey: 'offline' },
    });
    try {
      const { Item } = await dynamo.send(
        new GetItemCommand({
          TableName: `inventory-${STAGE}`,
          Key: JSON.parse(stockLookup![1]!),
          ConsistentRead: true,
        }),
      );
      const [, available, onHand] = stockComment!.map(Number);
      const { items } = orderBodies[0]!;
      expect(onHand).toBe(DEMO_STOCK[items[0]!.sku]);
      expect(unmarshall(Item!)).toMatchObject({ onHand, available, reserved: items[0]!.quantity });
    } finally {
      dynamo.destroy();
    }
  });

  it('cancels the orders the README says fail, each with its reason', async () => {
    const [tooMany, declined] = await Promise.all([place(orderBodies[1]), place(orderBodies[2])]);
    expect(await settled(tooMany!.orderId)).toMatchObject({ status: 'CANCELLED', cancelReason: 'STOCK_REJECTED' });
    expect(await settled(declined!.orderId)).toMatchObject({ status: 'CANCELLED', cancelReason: 'PAYMENT_DECLINED' });
    expect(README).toContain('STOCK_REJECTED');
    expect(README).toContain('PAYMENT_DECLINED');
  });

  it('serves the local console the README points to', async () => {
    const page = await fetch(mesh.consoleUrl!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
  });
});
