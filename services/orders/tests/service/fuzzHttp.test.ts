import path from 'node:path';
import { DynamoDB, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as dynamoose from 'dynamoose';
import fc from 'fast-check';
import { INVALID_REQUEST, signDevToken } from '@mesh/bus';
import { startDynamoDb, type StartedDynamoDb } from '@mesh/offline';
import {
  anyJson,
  claimsArbitrary,
  createTableFromTemplate,
  expectWellFormedAnswer,
  fuzzConcurrently,
  fuzzRuns,
  fuzzTimeout,
  garbageBodyText,
  garbageString,
  headersArbitrary,
  httpApiEvent,
  InMemoryBus,
  packageService,
  validId,
  validSku,
} from '@mesh/testing';
import type { HttpEvent, HttpResult } from '../../src/http/httpHandler';
import { cancelOrderHandler } from '../../src/functions/cancelOrder/handler';
import { getOrderHandler } from '../../src/functions/getOrder/handler';
import { listOrdersHandler } from '../../src/functions/listOrders/handler';
import { placeOrderHandler } from '../../src/functions/placeOrder/handler';
import { PlaceOrderRequest } from '../../src/functions/placeOrder/request';
import { PRICE_LIST } from '../../src/domain/priceList';
import { DynamoOrderStore } from '../../src/store/DynamoOrderStore';

/**
 * Fuzzes every route of the orders API through its real handler on DynamoDB Local: any body, path, query,
 * headers and claims (API Gateway's verified claims, or offline a bearer token of any shape) get an answer
 * below 500 with a JSON body, and a refusal is a problem (RFC 9457) naming its reason; a body the contract
 * refuses is a 400 pointing at its bad fields; a valid order is accepted and reads back unaltered through GET and the customer's list, and
 * its owner can cancel it.
 */
const region = 'us-east-1';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const TABLE = 'orders-fuzz-http';
const QUEUE = 'https://sqs.us-east-1.amazonaws.com/000000000000/inventory-fuzz-commands.fifo';

let dynamo: StartedDynamoDb;
let client: DynamoDBClient;
let store: DynamoOrderStore;
let routes: Record<'place' | 'get' | 'list' | 'cancel', (event: HttpEvent) => Promise<HttpResult>>;
let run = 0;

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
  routes = {
    place: placeOrderHandler({ orders: store }),
    get: getOrderHandler({ orders: store }),
    list: listOrdersHandler({ orders: store }),
    cancel: cancelOrderHandler({ orders: store, inventory: { commands: new InMemoryBus(), queueUrl: QUEUE } }),
  };
}, 300_000);

afterAll(async () => {
  client?.destroy();
  await dynamo?.stop();
});

/** Runs `fn` with IS_OFFLINE set as asked: the handlers read it (and the bearer token) per request. */
async function inMode<T>(offline: boolean, fn: () => Promise<T>): Promise<T> {
  const saved = process.env.IS_OFFLINE;
  if (offline) process.env.IS_OFFLINE = 'true';
  else delete process.env.IS_OFFLINE;
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env.IS_OFFLINE;
    else process.env.IS_OFFLINE = saved;
  }
}

const knownSku = fc.constantFrom(...Object.keys(PRICE_LIST));
const validBody = fc.record(
  {
    customerId: validId('cus-'),
    items: fc.uniqueArray(fc.record({ sku: knownSku, quantity: fc.integer({ min: 1, max: 10_000 }) }), {
      minLength: 1,
      maxLength: Object.keys(PRICE_LIST).length,
      selector: (line) => line.sku,
    }),
  },
  { requiredKeys: ['items'] },
);
// Bodies close to valid ones: lines of any SKU and quantity, extra keys, wrong types.
const nearlyValidBody = fc.oneof(
  fc.record(
    {
      customerId: fc.oneof(validId('cus-'), garbageString, anyJson),
      items: fc.oneof(
        fc.array(
          fc.record(
            {
              sku: fc.oneof(knownSku, validSku, garbageString, anyJson),
              quantity: fc.oneof(fc.integer({ min: -3, max: 20_000 }), fc.double(), anyJson),
              unitPrice: anyJson,
            },
            { requiredKeys: [] },
          ),
          { maxLength: 120 },
        ),
        anyJson,
      ),
      extra: anyJson,
    },
    { requiredKeys: [] },
  ),
  validBody.chain((body) => anyJson.map((unexpected) => ({ ...body, unexpected }))),
);
const bodyText = fc.oneof(
  garbageBodyText,
  nearlyValidBody.map((b) => JSON.stringify(b)),
);

describe('the orders API, fuzzed', () => {
  it(
    'answers any request to any route below 500 with JSON, naming the reason of every refusal',
    async () => {
      const request = fc.record({
        route: fc.constantFrom('place' as const, 'get' as const, 'list' as const, 'cancel' as const),
        id: fc.oneof(validId('ord-'), garbageString, fc.constant(undefined)),
        query: fc.option(
          fc.record(
            {
              customerId: fc.oneof(garbageString, validId('cus-')),
              limit: fc.oneof(garbageString, fc.integer({ min: -5, max: 200 }).map(String)),
            },
            { requiredKeys: [] },
          ),
          { nil: undefined },
        ),
        body: bodyText,
        base64: fc.boolean(),
        headers: headersArbitrary,
        claims: claimsArbitrary(),
        offline: fc.boolean(),
        token: fc.option(validId('cus-'), { nil: undefined }),
      });
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const declared = {
            place: ['POST', '/orders'],
            get: ['GET', '/orders/{id}'],
            list: ['GET', '/orders'],
            cancel: ['POST', '/orders/{id}/cancel'],
          }[r.route] as [string, string];
          const authorization: Record<string, string> = r.token
            ? { authorization: `Bearer ${signDevToken({ sub: r.token })}` }
            : {};
          const event = httpApiEvent({
            method: declared[0],
            route: declared[1],
            headers: { ...r.headers, ...authorization },
            ...(r.id === undefined ? {} : { pathParameters: { id: r.id } }),
            ...(r.query ? { queryStringParameters: r.query } : {}),
            ...(r.body === undefined
              ? {}
              : { body: r.base64 ? Buffer.from(r.body).toString('base64') : r.body, isBase64Encoded: r.base64 }),
            ...(r.claims ? { claims: r.claims } : {}),
          });
          expectWellFormedAnswer(await inMode(r.offline, () => routes[r.route](event)));
        }),
        { numRuns: fuzzRuns() },
      );
    },
    fuzzTimeout(),
  );

  it(
    'refuses every body the contract refuses with 400 pointing into the body, and accepts every one it accepts',
    async () => {
      await fc.assert(
        fc.asyncProperty(nearlyValidBody, async (body) => {
          const customerId = `cus-${++run}`;
          const result = await routes.place(
            httpApiEvent({
              method: 'POST',
              route: '/orders',
              body: JSON.stringify(body),
              claims: { sub: customerId, scope: 'admin' },
            }),
          );
          const answer = expectWellFormedAnswer(result);
          if (!PlaceOrderRequest.safeParse(body).success) {
            expect(result.statusCode).toBe(400);
            expect(answer).toMatchObject({ type: INVALID_REQUEST, status: 400 });
            expect(answer.errors).toEqual(
              expect.arrayContaining([{ pointer: expect.stringMatching(/^\/body(\/|$)/), detail: expect.any(String) }]),
            );
          } else {
            const lines = (body as { items: { sku: string }[] }).items;
            const priced = lines.every((l) => Object.hasOwn(PRICE_LIST, l.sku));
            expect([result.statusCode, answer]).toEqual([priced ? 201 : 400, expect.anything()]);
          }
        }),
        { numRuns: fuzzRuns() },
      );
    },
    fuzzTimeout(),
  );

  it(
    "stores a valid order unaltered: GET and the customer's list read back what was placed; its owner cancels it",
    async () => {
      // Each case its own customer, so its list holds its one order (a customer with many: the next test).
      await fuzzConcurrently(fc.tuple(validBody, fc.boolean()), async ([generated, base64]) => {
        const fresh = `.own-${++run}`;
        const body = generated.customerId ? { ...generated, customerId: `${generated.customerId}${fresh}` } : generated;
        const owner = body.customerId ?? `cus${fresh}`;
        // An admin may place for a named customer; a customer places for themself.
        const placer = body.customerId ? { sub: 'ops-1', scope: 'admin' } : { sub: owner };
        const text = JSON.stringify(body);
        const placed = await routes.place(
          httpApiEvent({
            method: 'POST',
            route: '/orders',
            claims: placer,
            body: base64 ? Buffer.from(text).toString('base64') : text,
            isBase64Encoded: base64,
          }),
        );
        const view = expectWellFormedAnswer(placed);
        expect(placed.statusCode).toBe(201);
        const orderId = view.orderId as string;
        const ordered = body.items.map(({ sku, quantity }) => ({ sku, quantity }));
        expect(view).toMatchObject({ customerId: owner, status: 'PENDING' });
        expect(
          (view.items as { sku: string; quantity: number }[]).map(({ sku, quantity }) => ({ sku, quantity })),
        ).toEqual(ordered);

        const read = await routes.get(
          httpApiEvent({
            method: 'GET',
            route: '/orders/{id}',
            pathParameters: { id: orderId },
            claims: { sub: owner },
          }),
        );
        expect([read.statusCode, expectWellFormedAnswer(read)]).toEqual([200, view]);
        const listed = await routes.list(
          httpApiEvent({
            method: 'GET',
            route: '/orders',
            claims: { sub: owner },
            queryStringParameters: { limit: '100' },
          }),
        );
        expect([listed.statusCode, expectWellFormedAnswer(listed)]).toEqual([
          200,
          { customerId: owner, orders: [view] },
        ]);

        const cancelled = await routes.cancel(
          httpApiEvent({
            method: 'POST',
            route: '/orders/{id}/cancel',
            pathParameters: { id: orderId },
            claims: { sub: owner },
          }),
        );
        expect([cancelled.statusCode, expectWellFormedAnswer(cancelled)]).toEqual([
          200,
          expect.objectContaining({ orderId, status: 'CANCELLED', cancelReason: 'CUSTOMER_REQUEST' }),
        ]);
      });
    },
    fuzzTimeout(),
  );

  it("lists a customer's newest orders first, a page of at most the limit, among more orders than a page holds", async () => {
    const owner = `cus-many-${++run}`;
    const placed: Record<string, unknown>[] = [];
    for (let i = 0; i < 105; i++) {
      const sku = Object.keys(PRICE_LIST)[i % Object.keys(PRICE_LIST).length]!;
      const result = await routes.place(
        httpApiEvent({
          method: 'POST',
          route: '/orders',
          claims: { sub: owner },
          body: JSON.stringify({ items: [{ sku, quantity: i + 1 }] }),
        }),
      );
      expect(result.statusCode).toBe(201);
      placed.push(expectWellFormedAnswer(result));
    }
    // The index sorts on `<createdAt>#<orderId>`: orders placed in the same millisecond by their ids.
    const key = (view: Record<string, unknown>) => `${String(view.createdAt)}#${String(view.orderId)}`;
    const newestFirst = [...placed].sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0));
    const list = async (query: Record<string, string>) => {
      const listed = await routes.list(
        httpApiEvent({ method: 'GET', route: '/orders', claims: { sub: owner }, queryStringParameters: query }),
      );
      return [listed.statusCode, expectWellFormedAnswer(listed)];
    };

    expect(await list({ limit: '100' })).toEqual([200, { customerId: owner, orders: newestFirst.slice(0, 100) }]);
    expect(await list({})).toEqual([200, { customerId: owner, orders: newestFirst.slice(0, 50) }]);
  });
});
