import path from 'node:path';
import { DynamoDB, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as dynamoose from 'dynamoose';
import fc from 'fast-check';
import { signDevToken } from '@mesh/bus';
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
  validSku,
} from '@mesh/testing';
import type { InventoryDependencies } from '../../src/dependencies';
import { getStock } from '../../src/functions/getStock/handler';
import { putStock } from '../../src/functions/putStock/handler';
import { DynamoInventoryStore } from '../../src/store/DynamoInventoryStore';

/**
 * Fuzzes `PUT /stock/{sku}` and `GET /stock/{sku}` through their real handlers on DynamoDB Local: any SKU,
 * body, headers and claims (API Gateway's verified claims, or offline a bearer token of any shape) get an
 * answer below 500 with a JSON body, and a refusal names its reason; an admin's valid count is stored and
 * reads back unaltered, and nobody else may set one.
 */
const region = 'us-east-1';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const TABLE = 'inventory-fuzz-http';

let dynamo: StartedDynamoDb;
let client: DynamoDBClient;
let put: ReturnType<typeof putStock>;
let get: ReturnType<typeof getStock>;
let run = 0;

beforeAll(async () => {
  const [template, started] = await Promise.all([
    packageService(path.resolve(__dirname, '../..'), 'ci'),
    startDynamoDb({ startTimeoutMs: 120_000 }),
  ]);
  dynamo = started;
  client = new DynamoDBClient({ endpoint: dynamo.endpoint, region, credentials });
  dynamoose.aws.ddb.set(new DynamoDB({ endpoint: dynamo.endpoint, region, credentials }));
  await createTableFromTemplate(client, template, 'InventoryTable', TABLE);
  const deps: InventoryDependencies = {
    store: new DynamoInventoryStore(TABLE),
    events: new InMemoryBus(),
    now: () => new Date(),
  };
  put = putStock(() => deps);
  get = getStock(() => deps);
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

const onHand = fc.integer({ min: 0, max: 1_000_000_000 });
const body = fc.oneof(
  garbageBodyText,
  fc
    .record(
      { onHand: fc.oneof(onHand, fc.integer(), fc.double(), garbageString, anyJson), extra: anyJson },
      { requiredKeys: [] },
    )
    .map((b) => JSON.stringify(b)),
  onHand.map((n) => JSON.stringify({ onHand: n })),
);

describe('the stock API, fuzzed', () => {
  it(
    'answers any request to either route below 500 with JSON, naming the reason of every refusal',
    async () => {
      const request = fc.record({
        write: fc.boolean(),
        sku: fc.option(fc.oneof(validSku, garbageString), { nil: undefined }),
        body,
        base64: fc.boolean(),
        headers: headersArbitrary,
        claims: claimsArbitrary(fc.constantFrom('admin-1', 'cus-1')),
        offline: fc.boolean(),
        token: fc.option(fc.record({ sub: fc.constantFrom('admin-1', 'cus-1'), scope: fc.constantFrom('admin', '') }), {
          nil: undefined,
        }),
      });
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const authorization: Record<string, string> = r.token
            ? { authorization: `Bearer ${signDevToken(r.token)}` }
            : {};
          const event = httpApiEvent({
            method: r.write ? 'PUT' : 'GET',
            route: '/stock/{sku}',
            headers: { ...r.headers, ...authorization },
            ...(r.sku === undefined ? {} : { pathParameters: { sku: r.sku } }),
            ...(r.body === undefined
              ? {}
              : { body: r.base64 ? Buffer.from(r.body).toString('base64') : r.body, isBase64Encoded: r.base64 }),
            ...(r.claims ? { claims: r.claims } : {}),
          });
          expectWellFormedAnswer(await inMode(r.offline, () => (r.write ? put : get)(event)));
        }),
        { numRuns: fuzzRuns() },
      );
    },
    fuzzTimeout(),
  );

  it(
    "stores an admin's valid count unaltered, reads it back, and refuses it from anyone else",
    async () => {
      const request = fc.record({ sku: validSku, counts: fc.array(onHand, { minLength: 1, maxLength: 2 }) });
      // Cases run a few at a time: each writes and reads a SKU of its own.
      await fuzzConcurrently(request, async ({ sku: generated, counts }) => {
        const sku = `${generated}-${++run}`;
        const event = (claims: Record<string, unknown>, count?: number) =>
          httpApiEvent({
            method: count === undefined ? 'GET' : 'PUT',
            route: '/stock/{sku}',
            pathParameters: { sku },
            claims,
            ...(count === undefined ? {} : { body: JSON.stringify({ onHand: count }) }),
          });
        const refused = await put(event({ sub: 'cus-1' }, counts[0]));
        expect([refused.statusCode, expectWellFormedAnswer(refused).title]).toEqual([403, 'Forbidden']);
        for (const count of counts) {
          const level = { sku, onHand: count, reserved: 0, available: count };
          const written = await put(event({ sub: 'admin-1', scope: 'admin' }, count));
          expect([written.statusCode, expectWellFormedAnswer(written)]).toEqual([200, level]);
          const read = await get(event({ sub: 'cus-1' }));
          expect([read.statusCode, expectWellFormedAnswer(read)]).toEqual([200, level]);
        }
      });
    },
    fuzzTimeout(),
  );
});
