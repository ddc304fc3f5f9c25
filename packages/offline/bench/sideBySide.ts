/**
 * The same small subscriber (bench/side-by-side/handler.js: one DynamoDB row per event) under our offline
 * mesh and under the community plugins, in the same run, on the same emulators (fauxqs for SQS and DynamoDB
 * Local, behind the mesh's edge):
 *
 * - ours, EventBridge: PutEvents on our emulator → rule → SQS → our poller → serverless-offline → DynamoDB
 *   (bench/side-by-side/ours, started by startMesh);
 * - ours, SQS: SendMessageBatch on the same queue → our poller → … (the poller alone);
 * - theirs, EventBridge: PutEvents on serverless-offline-aws-eventbridge's own mock → the function, invoked
 *   directly for each entry (the plugin has no SQS targets: one hop fewer than ours);
 * - theirs, SQS: SendMessageBatch → serverless-offline-sqs (aws-sdk v2) → the function
 *   (bench/side-by-side/theirs, started as serverless-offline is for a mesh service).
 *
 * Each is measured for latency (one event at a time) and sustained throughput, and reported with the
 * ratios ours / theirs (latency: below 1 is better for ours; throughput: above 1 is better for ours).
 *
 * Run: `npx tsx packages/offline/bench/sideBySide.ts [events=100] [windowMs=3000]`
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  GetItemCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, DeleteQueueCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startMesh, type StartedMesh } from '../src/runner';
import { freePort } from '../src/runner/freePort';
import { startOfflineService } from '../src/runner/startOfflineService';
import {
  countPartition,
  measureLatency,
  measureThroughput,
  queueBacklog,
  type LatencyFigures,
  type Pipeline,
  type ThroughputFigures,
} from './load';

const ROOT = path.resolve(__dirname, '../../..');
const FIXTURE = path.join(ROOT, 'bench/side-by-side');
const STAGE = 'bench';
const region = 'us-east-1';
const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };
const SOURCE = 'bench.side-by-side';

export interface PipelineFigures {
  p50Ms: number;
  p99Ms: number;
  eventsPerSecond: number;
  drainSeconds: number;
}

export interface SideBySideBenchmark {
  ours: { eventBridge: PipelineFigures; sqs: PipelineFigures };
  theirs: { eventBridge: PipelineFigures | { error: string }; sqs: PipelineFigures | { error: string } };
}

interface Clients {
  dynamo: DynamoDBClient;
  sqs: SQSClient;
}

function clients(endpoint: string): Clients & { close(): void } {
  const config = { endpoint, region, credentials };
  const dynamo = new DynamoDBClient(config);
  const sqs = new SQSClient(config);
  return {
    dynamo,
    sqs,
    close() {
      dynamo.destroy();
      sqs.destroy();
    },
  };
}

const eventBridgeEntry = (bus: string, run: string, id: string) => ({
  EventBusName: bus,
  Source: SOURCE,
  DetailType: 'SideBySide',
  Detail: JSON.stringify({ run, id }),
});

/** A pipeline that publishes with PutEvents on `events` (bus `bus`) or SendMessageBatch on `queueUrl`. */
function pipeline(
  via: { events: EventBridgeClient; bus: string } | { queueUrl: string },
  { dynamo, sqs }: Clients,
  table: string,
  backlogQueueUrl?: string,
): Pipeline {
  const publish = async (run: string, ids: string[]): Promise<number> => {
    if ('events' in via) {
      const { FailedEntryCount = 0 } = await via.events.send(
        new PutEventsCommand({ Entries: ids.map((id) => eventBridgeEntry(via.bus, run, id)) }),
      );
      return ids.length - FailedEntryCount;
    }
    const { Successful = [] } = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: via.queueUrl,
        Entries: ids.map((id, i) => ({
          Id: String(i),
          // The body an EventBridge rule would deliver, so both triggers reach the same handler code.
          MessageBody: JSON.stringify({ source: SOURCE, 'detail-type': 'SideBySide', detail: { run, id } }),
        })),
      }),
    );
    return Successful.length;
  };
  return {
    async publishOne() {
      const run = 'latency';
      const id = randomUUID();
      await publish(run, [id]);
      const Key = { run: { S: run }, id: { S: id } };
      return async () =>
        (await dynamo.send(new GetItemCommand({ TableName: table, Key, ConsistentRead: true }))).Item !== undefined;
    },
    publishBatch: (run, count) =>
      publish(
        run,
        Array.from({ length: count }, () => randomUUID()),
      ),
    handled: (run) => countPartition(dynamo, table, 'run', run),
    ...(backlogQueueUrl ? { backlog: () => queueBacklog(sqs, backlogQueueUrl) } : {}),
  };
}

async function measure(p: Pipeline, count: number, windowMs: number): Promise<PipelineFigures> {
  const latency: LatencyFigures = await measureLatency(p, count);
  const throughput: ThroughputFigures = await measureThroughput(p, { windowMs, lanes: 4, drainTimeoutMs: 180_000 });
  return {
    p50Ms: latency.p50Ms,
    p99Ms: latency.p99Ms,
    eventsPerSecond: throughput.eventsPerSecond,
    drainSeconds: throughput.drainSeconds,
  };
}

async function measureOurs(mesh: StartedMesh, c: Clients, count: number, windowMs: number) {
  const service = mesh.services.find((s) => s.name === 'side-by-side')!;
  const queueUrl = service.queues.find((q) => q.logicalId === 'SubscriberQueue')!.url;
  const bus = service.provisioned.outputs.EventBusName!;
  const events = new EventBridgeClient({ endpoint: mesh.edgeUrl, region, credentials });
  const table = `side-by-side-${STAGE}`;
  try {
    return {
      eventBridge: await measure(pipeline({ events, bus }, c, table, queueUrl), count, windowMs),
      sqs: await measure(pipeline({ queueUrl }, c, table, queueUrl), count, windowMs),
    };
  } finally {
    events.destroy();
  }
}

async function measureTheirs(mesh: StartedMesh, c: Clients, count: number, windowMs: number) {
  const table = `side-by-side-theirs-${STAGE}`;
  const queueName = `side-by-side-theirs-${STAGE}-subscriber`;
  await c.dynamo.send(new DeleteTableCommand({ TableName: table })).catch(() => undefined);
  await c.dynamo.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'run', AttributeType: 'S' },
        { AttributeName: 'id', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'run', KeyType: 'HASH' },
        { AttributeName: 'id', KeyType: 'RANGE' },
      ],
    }),
  );
  await waitUntilTableExists({ client: c.dynamo, maxWaitTime: 30 }, { TableName: table });
  const { QueueUrl: queueUrl } = await c.sqs.send(
    new CreateQueueCommand({ QueueName: queueName, Attributes: { VisibilityTimeout: '60' } }),
  );
  const [eventBridgePort, mqttPort, http, lambda, websocket] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  // serverless.yml reads these (startOfflineService hands this process's environment to the CLI).
  process.env.SIDE_BY_SIDE_SQS_ENDPOINT = mesh.edgeUrl;
  process.env.SIDE_BY_SIDE_EVENTBRIDGE_PORT = String(eventBridgePort);
  process.env.SIDE_BY_SIDE_MQTT_PORT = String(mqttPort);
  const offline = await startOfflineService({
    serviceName: 'side-by-side-theirs',
    serviceDir: path.join(FIXTURE, 'theirs'),
    stage: STAGE,
    region,
    params: {},
    edgeUrl: mesh.edgeUrl,
    ports: { http: http!, lambda: lambda!, websocket: websocket! },
    onLog: () => undefined,
  });
  const events = new EventBridgeClient({ endpoint: `http://127.0.0.1:${eventBridgePort}`, region, credentials });
  try {
    const attempt = async (run: () => Promise<PipelineFigures>) => {
      try {
        return await run();
      } catch (error) {
        return { error: error instanceof Error ? error.message : String(error) };
      }
    };
    return {
      eventBridge: await attempt(() =>
        measure(pipeline({ events, bus: 'side-by-side-theirs' }, c, table), count, windowMs),
      ),
      sqs: await attempt(() => measure(pipeline({ queueUrl: queueUrl! }, c, table, queueUrl), count, windowMs)),
    };
  } finally {
    events.destroy();
    await offline.stop();
    await c.sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl })).catch(() => undefined);
  }
}

export async function benchSideBySide(count = 100, windowMs = 3000): Promise<SideBySideBenchmark> {
  const mesh = await startMesh({
    rootDir: ROOT,
    composeFile: path.join(FIXTURE, 'serverless-compose.yml'),
    stage: STAGE,
    edgePort: 0,
    httpPort: 0,
    websocketPort: 0,
    onLog: () => undefined,
  });
  const c = clients(mesh.edgeUrl);
  try {
    const ours = await measureOurs(mesh, c, count, windowMs);
    const theirs = await measureTheirs(mesh, c, count, windowMs);
    return { ours, theirs };
  } finally {
    c.close();
    await mesh.stop();
  }
}

/** Ours / theirs for each figure both sides have (latency: < 1 is better for ours; events/s: > 1). */
export function sideBySideRatios(result: SideBySideBenchmark): Record<string, number> {
  const ratios: Record<string, number> = {};
  for (const trigger of ['eventBridge', 'sqs'] as const) {
    const ours = result.ours[trigger];
    const theirs = result.theirs[trigger];
    if ('error' in theirs) continue;
    for (const figure of ['p50Ms', 'p99Ms', 'eventsPerSecond'] as const) {
      ratios[`${trigger}.${figure}`] = Math.round((ours[figure] / theirs[figure]) * 100) / 100;
    }
  }
  return ratios;
}

if (require.main === module) {
  benchSideBySide(Number(process.argv[2] ?? 100), Number(process.argv[3] ?? 3000)).then(
    (result) => console.log(JSON.stringify({ ...result, ratios: sideBySideRatios(result) }, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
