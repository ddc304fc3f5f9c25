import path from 'node:path';
import { DynamoDB, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as dynamoose from 'dynamoose';
import fc from 'fast-check';
import { signDevToken } from '@mesh/bus';
import { startDynamoDb, type StartedDynamoDb } from '@mesh/offline';
import {
  claimsArbitrary,
  createTableFromTemplate,
  expectWellFormedAnswer,
  fuzzConcurrently,
  fuzzRuns,
  fuzzTimeout,
  garbageString,
  headersArbitrary,
  httpApiEvent,
  packageService,
  validId,
} from '@mesh/testing';
import type { Notification } from '../../src/domain/notificationFor';
import { listNotificationsHandler } from '../../src/functions/listNotifications/handler';
import { DynamoNotificationStore } from '../../src/store/DynamoNotificationStore';

/**
 * Fuzzes `GET /notifications` through its real handler on DynamoDB Local: any query, headers and claims
 * (API Gateway's verified claims, or offline a bearer token of any shape) get an answer below 500 with
 * a JSON body, and a refusal names its reason; a valid caller reading a valid query gets exactly the
 * notifications stored for them, unaltered and newest first.
 */
const region = 'us-east-1';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const TABLE = 'notifications-fuzz-http';
const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} } as never;

let dynamo: StartedDynamoDb;
let client: DynamoDBClient;
let store: DynamoNotificationStore;
let run = 0;

beforeAll(async () => {
  const [template, started] = await Promise.all([
    packageService(path.resolve(__dirname, '../..'), 'ci'),
    startDynamoDb({ startTimeoutMs: 120_000 }),
  ]);
  dynamo = started;
  client = new DynamoDBClient({ endpoint: dynamo.endpoint, region, credentials });
  dynamoose.aws.ddb.set(new DynamoDB({ endpoint: dynamo.endpoint, region, credentials }));
  await createTableFromTemplate(client, template, 'NotificationsTable', TABLE);
  store = new DynamoNotificationStore(TABLE);
}, 300_000);

afterAll(async () => {
  client?.destroy();
  await dynamo?.stop();
});

// The handlers are built before the store exists (beforeAll): they read it at each request.
const notifications = { latestOf: (customerId: string, limit: number) => store.latestOf(customerId, limit) };
const handlerIn = (env: NodeJS.ProcessEnv) => listNotificationsHandler({ notifications, logger: silent, env });
const onAws = handlerIn({});
const offline = handlerIn({ IS_OFFLINE: 'true' });

const query = fc.oneof(
  fc.constant(undefined),
  fc.record(
    {
      customerId: fc.oneof(garbageString, validId('cus-')),
      limit: fc.oneof(garbageString, fc.integer({ min: -5, max: 200 }).map(String)),
    },
    { requiredKeys: [] },
  ),
  fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 20 }), { maxKeys: 3 }),
);

describe('GET /notifications, fuzzed', () => {
  it(
    'answers any request below 500 with JSON, naming the reason of every refusal',
    async () => {
      const request = fc.record({
        claims: claimsArbitrary(),
        query,
        headers: headersArbitrary,
        offline: fc.boolean(),
        token: fc.option(validId('cus-'), { nil: undefined }),
      });
      await fc.assert(
        fc.asyncProperty(request, async ({ claims, query: q, headers, offline: isOffline, token }) => {
          const authorization: Record<string, string> = token
            ? { authorization: `Bearer ${signDevToken({ sub: token })}` }
            : {};
          const event = httpApiEvent({
            method: 'GET',
            route: '/notifications',
            headers: { ...headers, ...authorization },
            ...(q ? { queryStringParameters: q } : {}),
            ...(claims ? { claims } : {}),
          });
          expectWellFormedAnswer(await (isOffline ? offline : onAws)(event));
        }),
        { numRuns: fuzzRuns() },
      );
    },
    fuzzTimeout(),
  );

  it(
    'answers a valid caller exactly their stored notifications, unaltered and newest first',
    async () => {
      const notification = fc.record({
        orderId: validId('ord-'),
        eventId: validId('evt-'),
        kind: fc.constantFrom('ORDER_PLACED' as const, 'ORDER_CONFIRMED' as const, 'ORDER_CANCELLED' as const),
        message: fc.string({ minLength: 1, maxLength: 200 }),
        occurredAt: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
      });
      const request = fc.record({
        customer: validId(),
        stored: fc.uniqueArray(notification, { maxLength: 3, selector: (n) => n.eventId }),
        limit: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
        admin: fc.boolean(),
      });
      // Cases run a few at a time: each stores and reads the notifications of a customer of its own.
      await fuzzConcurrently(request, async ({ customer, stored, limit, admin }) => {
        const customerId = `cus-${++run}-${customer}`.slice(0, 128);
        const notifications: Notification[] = stored.map((n) => ({
          ...n,
          customerId,
          occurredAt: n.occurredAt.toISOString(),
        }));
        for (const n of notifications) await store.record(n);
        const caller = admin ? { sub: 'ops-1', scope: 'admin' } : { sub: customerId };
        const event = httpApiEvent({
          method: 'GET',
          route: '/notifications',
          claims: caller,
          queryStringParameters: {
            ...(admin ? { customerId } : {}),
            ...(limit === undefined ? {} : { limit: String(limit) }),
          },
        });

        const body = expectWellFormedAnswer(await onAws(event));

        // DynamoDB orders sort keys by their bytes: ASCII here, so plain string comparison.
        const key = (n: Notification) => `${n.occurredAt}#${n.eventId}`;
        const newestFirst = [...notifications].sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0));
        expect(body).toEqual({ customerId, notifications: newestFirst.slice(0, limit ?? 50) });
      });
    },
    fuzzTimeout(),
  );
});
