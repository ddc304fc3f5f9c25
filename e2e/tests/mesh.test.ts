import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  GetQueueAttributesCommand,
  ChangeMessageVisibilityCommand,
  GetQueueUrlCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { event, EventPublisher } from '@mesh/bus';
import { OrderPlaced } from '@mesh/contracts';
import type { StepEvent } from '@mesh/cli';
import { startMesh, type StartedMesh } from '@mesh/offline';
import { descendantsOf, isRunning, listenersOf, LOOPBACK, pollUntil } from '@mesh/testing';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const STAGE = 'e2e';
const region = 'us-east-1';
const credentials = { accessKeyId: 'e2e', secretAccessKey: 'e2e' };

describe('the offline mesh (npm run dev)', () => {
  let mesh: StartedMesh;
  let clients: { events: EventBridgeClient; dynamo: DynamoDBClient; sqs: SQSClient };
  const steps: StepEvent[] = [];
  // The services' and pollers' output (a failing subscriber logs every receive), kept out of the test report.
  const logs: string[] = [];

  beforeAll(async () => {
    // Every port free, so this never collides with a developer's running mesh on 4566 / 3000 / 3001.
    mesh = await startMesh({
      rootDir: ROOT,
      stage: STAGE,
      // The notifications subscriber and what it depends on (the bus): this test must not fail on another
      // service's start.
      services: ['notifications'],
      edgePort: 0,
      httpPort: 0,
      websocketPort: 0,
      onStep: (step) => steps.push(step),
      onLog: (service, line) => logs.push(`[${service}] ${line}`),
    });
    const config = { endpoint: mesh.edgeUrl, region, credentials };
    clients = { events: new EventBridgeClient(config), dynamo: new DynamoDBClient(config), sqs: new SQSClient(config) };
  }, 240_000);

  afterAll(async () => {
    clients?.events.destroy();
    clients?.dynamo.destroy();
    clients?.sqs.destroy();
    await mesh?.stop();
  });

  const busName = () => mesh.services.find((s) => s.name === 'bus')!.provisioned.outputs.EventBusName!;

  async function notificationsOf(customerId: string) {
    const { Items = [] } = await clients.dynamo.send(
      new QueryCommand({
        TableName: `notifications-${STAGE}`,
        KeyConditionExpression: 'customerId = :c',
        ExpressionAttributeValues: { ':c': { S: customerId } },
        ConsistentRead: true,
      }),
    );
    return Items;
  }

  it('starts the chosen services of serverless-compose.yml and those they depend on, in its order, each step timed', () => {
    expect(mesh.services.map((s) => s.name)).toEqual(['bus', 'notifications']);
    expect(busName()).toBe(`mesh-${STAGE}`);
    const notifications = mesh.services.find((s) => s.name === 'notifications')!;
    expect(notifications.params).toEqual({ eventBusName: `mesh-${STAGE}` });
    expect([...notifications.functions].sort()).toEqual([
      `notifications-${STAGE}-listNotifications`,
      `notifications-${STAGE}-orderLifecycle`,
    ]);
    expect(notifications.tables).toEqual([`notifications-${STAGE}`]);
    expect(notifications.provisioned.eventSourceMappings).toHaveLength(1);
    const done = steps.filter((s) => s.state === 'done').map((s) => s.step);
    expect(done).toEqual(expect.arrayContaining(['edge endpoint', 'package notifications', 'provision notifications']));
    expect(steps.every((s) => s.state === 'started' || typeof s.ms === 'number')).toBe(true);
    expect(mesh.readyMs).toBeGreaterThan(0);
  });

  it('hands an OrderPlaced published through the edge to the notifications subscriber, which writes its table', async () => {
    const customerId = `cus-${randomUUID()}`;
    const orderId = `ord-${randomUUID()}`;
    const publisher = new EventPublisher({ eventBusName: busName(), client: clients.events });
    const [published] = await publisher.publish([
      event(
        OrderPlaced,
        { ...OrderPlaced.example, orderId, customerId },
        { correlationId: `cor-${orderId}`, causationId: `req-${orderId}` },
      ),
    ]);

    const items = await pollUntil('the notification row', 30_000, async () => {
      const found = await notificationsOf(customerId);
      return found.length > 0 ? found : undefined;
    });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ customerId: { S: customerId }, orderId: { S: orderId } });
    expect(items[0]!.eventId?.S).toBe(published!.eventId);
  });

  it('moves a contract-breaking OrderPlaced to the DLQ after one receive, with its reason, and the AWS CLI redrives it', async () => {
    const queueName = `notifications-${STAGE}-order-lifecycle`;
    const { QueueUrl: dlqUrl } = await clients.sqs.send(new GetQueueUrlCommand({ QueueName: `${queueName}-dlq` }));
    const { Attributes: dlqAttributes } = await clients.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }),
    );

    const eventId = `evt-${randomUUID()}`;
    // Detail that breaks the OrderPlaced contract (no items): the bus's publisher would refuse it, so it goes
    // straight to PutEvents, as a foreign producer's would; the rule still routes it to the subscriber.
    const detail = {
      eventId,
      version: 1,
      occurredAt: new Date().toISOString(),
      correlationId: 'cor-broken',
      causationId: 'req-broken',
      data: { orderId: 'ord-broken', customerId: 'cus-broken', items: [], total: { amount: 0, currency: 'EUR' } },
    };
    const put = await clients.events.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: busName(),
            Source: OrderPlaced.source,
            DetailType: OrderPlaced.detailType,
            Detail: JSON.stringify(detail),
          },
        ],
      }),
    );
    expect(put.FailedEntryCount).toBe(0);

    // What an operator's "Poll for messages" shows: the reason travels with the dead letter. A receive with a
    // receive then a zero visibility timeout leave it in place for the redrive below.
    const deadLetterOf = (after?: string) =>
      pollUntil('the dead letter in the DLQ', 45_000, async () => {
        const { Messages = [] } = await clients.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: dlqUrl,
            WaitTimeSeconds: 1,
            MaxNumberOfMessages: 10,
            MessageAttributeNames: ['All'],
          }),
        );
        // Left in place: fauxqs ignores a receive's VisibilityTimeout of 0, so each is made visible again.
        for (const m of Messages) {
          await clients.sqs.send(
            new ChangeMessageVisibilityCommand({
              QueueUrl: dlqUrl,
              ReceiptHandle: m.ReceiptHandle,
              VisibilityTimeout: 0,
            }),
          );
        }
        return Messages.find(
          (m) =>
            m.Body?.includes(eventId) &&
            (after === undefined || m.MessageAttributes?.['mesh.failedAt']?.StringValue !== after),
        );
      });
    const dead = await deadLetterOf();
    const attribute = (name: string) => dead.MessageAttributes?.[name]?.StringValue;
    expect(JSON.parse(dead.Body!).detail.eventId).toBe(eventId);
    expect(attribute('mesh.failureKind')).toBe('permanent');
    expect(attribute('mesh.reason')).toMatch(/^ContractViolationError: OrderPlaced violates its contract: .*items/);
    expect(attribute('mesh.receiveCount')).toBe('1');
    expect(attribute('mesh.consumer')).toBe(`notifications-order-lifecycle`);
    expect(attribute('mesh.eventId')).toBe(eventId);
    expect(attribute('mesh.correlationId')).toBe('cor-broken');
    expect(await notificationsOf('cus-broken')).toHaveLength(0);

    // The AWS CLI's redrive, unchanged, against the edge: the message goes back to the subscriber's queue,
    // fails there again on its first receive, and comes back with a new failure time.
    const env = {
      ...process.env,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_DEFAULT_REGION: region,
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    };
    const { stdout } = await run(
      'aws',
      ['sqs', 'start-message-move-task', '--source-arn', dlqAttributes!.QueueArn!, '--endpoint-url', mesh.edgeUrl],
      { env },
    );
    expect(JSON.parse(stdout).TaskHandle).toEqual(expect.any(String));
    const again = await deadLetterOf(attribute('mesh.failedAt'));
    expect(again.MessageAttributes?.['mesh.reason']?.StringValue).toBe(attribute('mesh.reason'));
    const { Results = [] } = await clients.sqs.send(
      new ListMessageMoveTasksCommand({ SourceArn: dlqAttributes!.QueueArn! }),
    );
    expect(Results[0]).toMatchObject({ Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 1 });
  });

  it('faces the user only on the edge and the REST / WebSocket base ports; everything binds the loopback', () => {
    const ours = [process.pid, ...descendantsOf(process.pid).map((p) => p.pid)];
    for (const service of mesh.services) {
      if (service.offline) ours.push(service.offline.pid, ...descendantsOf(service.offline.pid).map((p) => p.pid));
    }
    const listeners = listenersOf(ours);
    expect(listeners.length).toBeGreaterThanOrEqual(4);
    expect(listeners.filter((l) => !LOOPBACK.test(l.address))).toEqual([]);
    const inProcess = listeners.filter((l) => l.pid === process.pid).map((l) => l.port);
    const port = (url: string) => Number(new URL(url).port);
    expect(inProcess).toEqual(
      expect.arrayContaining([port(mesh.edgeUrl), port(mesh.httpUrl), port(mesh.websocketUrl)]),
    );
  });

  it('routes Lambda invokes through the edge to the function, by name', async () => {
    const response = await fetch(
      `${mesh.edgeUrl}/2015-03-31/functions/notifications-${STAGE}-orderLifecycle/invocations`,
      {
        method: 'POST',
        headers: { authorization: 'AWS4-HMAC-SHA256 Credential=e2e/20260101/us-east-1/lambda/aws4_request' },
        body: JSON.stringify({ Records: [] }),
      },
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ batchItemFailures: [] });
  });

  it('stops every process it started, children first, leaving no orphan', async () => {
    const children = mesh.services.flatMap((s) =>
      s.offline ? [s.offline.pid, ...descendantsOf(s.offline.pid).map((p) => p.pid)] : [],
    );
    const emulatorPids = descendantsOf(process.pid)
      .filter((p) => /fauxqsLauncher|DynamoDBLocal|dynamodb-local/.test(p.args))
      .map((p) => p.pid);
    expect(children.length).toBeGreaterThan(0);
    expect(emulatorPids.length).toBeGreaterThan(0);
    await mesh.stop();
    const left = [...children, ...emulatorPids].filter(isRunning);
    expect(left.map((pid) => descendantsOf(1).find((p) => p.pid === pid) ?? { pid })).toEqual([]);
    expect(descendantsOf(process.pid).filter((p) => /serverless|fauxqs|DynamoDB|java/.test(p.args))).toEqual([]);
  });
});
