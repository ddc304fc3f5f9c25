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
 * Run: `npx tsx bench/src/sideBySide.ts [events=100] [windowMs=3000] [ours|theirs]`
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { lambdaInvoker, toSqsRecord } from '@mesh/offline';
import { startMesh, type StartedMesh } from '@mesh/offline';
import { freePort } from '@mesh/offline';
import { startOfflineService } from '@mesh/offline';
import { cpuSecondsBetween, cpuSnapshot } from './cpuUsage';
import {
  countPartition,
  measureLatency,
  measureThroughput,
  queueBacklog,
  type LatencyFigures,
  type Pipeline,
  type ThroughputFigures,
} from './load';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURE = path.join(ROOT, 'bench/side-by-side');
const STAGE = 'bench';
const region = 'us-east-1';
const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };
const SOURCE = 'bench.side-by-side';

/** A pipeline's figures; a measurement that failed leaves its figures out and says why. */
export interface PipelineFigures {
  /** Events timed one by one (fewer than asked when they took over 30 s in all). */
  latencyEvents?: number;
  p50Ms?: number;
  p99Ms?: number;
  latencyError?: string;
  eventsPerSecond?: number;
  drainSeconds?: number;
  throughputError?: string;
  /** CPU seconds per process during the throughput run (see cpuUsage.ts). */
  cpuSeconds?: Record<string, number>;
}

export interface SideBySideBenchmark {
  ours: { eventBridge: PipelineFigures; sqs: PipelineFigures; hops?: HopFigures };
  theirs: { eventBridge: PipelineFigures; sqs: PipelineFigures };
}

/** Median ms of each hop of our SQS path, timed alone from the benchmark process (through the edge). */
export interface HopFigures {
  /** SendMessageBatch of 10 messages. */
  sendBatchOf10Ms: number;
  /** ReceiveMessage (up to 10, as the poller asks: every attribute) + DeleteMessageBatch. */
  receiveAndDeleteOf10Ms: number;
  /** Invoke on serverless-offline's Lambda API with an empty batch: the invoke path alone. */
  invokeEmptyBatchMs: number;
  /** Invoke with a batch of 10: the invoke path plus 10 PutItems in parallel from the handler. */
  invokeBatchOf10Ms: number;
  /** One PutItem from the benchmark process. */
  putItemMs: number;
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

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Latency then throughput of one pipeline. A failure of either is recorded with its reason (and `diagnose()`'s
 * words, e.g. the service's logged errors), not thrown: the other figures still count.
 */
async function measure(
  p: Pipeline,
  count: number,
  windowMs: number,
  diagnose: () => string = () => '',
): Promise<PipelineFigures> {
  const figures: PipelineFigures = {};
  try {
    const latency: LatencyFigures = await measureLatency(p, count, 5, 30_000);
    figures.latencyEvents = latency.events;
    figures.p50Ms = latency.p50Ms;
    figures.p99Ms = latency.p99Ms;
  } catch (error) {
    figures.latencyError = `${messageOf(error)}${diagnose()}`;
  }
  const before = cpuSnapshot();
  try {
    const throughput: ThroughputFigures = await measureThroughput(p, { windowMs, lanes: 4, drainTimeoutMs: 60_000 });
    figures.eventsPerSecond = throughput.eventsPerSecond;
    figures.drainSeconds = throughput.drainSeconds;
    if (throughput.unhandledEvents > 0) {
      figures.throughputError =
        `${throughput.unhandledEvents} of ${throughput.published} events not handled ${throughput.drainSeconds} s ` +
        `after publishing (given up): events/s counts those handled by then${diagnose()}`;
    }
  } catch (error) {
    figures.throughputError = `${messageOf(error)}${diagnose()}`;
  }
  figures.cpuSeconds = cpuSecondsBetween(before, cpuSnapshot());
  return figures;
}

async function medianMs(runs: number, work: (i: number) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await work(i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(runs / 2)]! * 10) / 10;
}

/** Times each hop of our SQS path alone, to show where a message's time goes. */
async function measureHops(mesh: StartedMesh, { dynamo, sqs }: Clients, runs = 30): Promise<HopFigures> {
  const service = mesh.services.find((s) => s.name === 'side-by-side')!;
  const functionName = service.functions[0]!;
  const invoke = lambdaInvoker(service.offline!.lambdaEndpoint);
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `side-by-side-${STAGE}-hops` }));
  const queueArn = `arn:aws:sqs:${region}:000000000000:side-by-side-${STAGE}-hops`;
  const body = (i: number, j: number) =>
    JSON.stringify({ source: SOURCE, 'detail-type': 'SideBySide', detail: { run: 'hops', id: `${i}-${j}` } });
  try {
    const sendBatchOf10Ms = await medianMs(runs, (i) =>
      sqs.send(
        new SendMessageBatchCommand({
          QueueUrl,
          Entries: Array.from({ length: 10 }, (_, j) => ({ Id: String(j), MessageBody: body(i, j) })),
        }),
      ),
    );
    const received: Parameters<typeof toSqsRecord>[0][][] = [];
    const receiveAndDeleteOf10Ms = await medianMs(runs, async () => {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl,
          MaxNumberOfMessages: 10,
          AttributeNames: ['All'],
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
      );
      received.push(Messages);
      if (Messages.length > 0) {
        await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl,
            Entries: Messages.map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle })),
          }),
        );
      }
    });
    const batches = received.filter((b) => b.length > 0);
    await invoke(functionName, { Records: [] }); // a warm worker first
    const invokeEmptyBatchMs = await medianMs(runs, () => invoke(functionName, { Records: [] }));
    const invokeBatchOf10Ms = await medianMs(runs, (i) =>
      invoke(functionName, { Records: batches[i % batches.length]!.map((m) => toSqsRecord(m, queueArn, region)) }),
    );
    const putItemMs = await medianMs(runs, (i) =>
      dynamo.send(
        new PutItemCommand({
          TableName: `side-by-side-${STAGE}`,
          Item: { run: { S: 'hops-direct' }, id: { S: String(i) } },
        }),
      ),
    );
    return { sendBatchOf10Ms, receiveAndDeleteOf10Ms, invokeEmptyBatchMs, invokeBatchOf10Ms, putItemMs };
  } finally {
    invoke.close();
    await sqs.send(new DeleteQueueCommand({ QueueUrl })).catch(() => undefined);
  }
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
      hops: await measureHops(mesh, c),
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
  const problems: string[] = [];
  const offline = await startOfflineService({
    serviceName: 'side-by-side-theirs',
    serviceDir: path.join(FIXTURE, 'theirs'),
    stage: STAGE,
    region,
    params: {},
    edgeUrl: mesh.edgeUrl,
    ports: { http: http!, lambda: lambda!, websocket: websocket! },
    onLog: (line) => {
      if (process.env.SIDE_BY_SIDE_DEBUG) console.error(`[theirs] ${line}`);
      if (/error|warn|exceed|refus|fail/i.test(line)) problems.push(line.trim());
    },
  });
  const events = new EventBridgeClient({ endpoint: `http://127.0.0.1:${eventBridgePort}`, region, credentials });
  // What the service logged as wrong since the last look: the reason a measurement failed, if it said.
  const diagnose = () => {
    const seen = [...new Set(problems.splice(0))].slice(0, 3);
    return seen.length > 0 ? `; serverless-offline logged: ${seen.map((l) => l.slice(0, 300)).join(' | ')}` : '';
  };
  try {
    const eventBridge = await measure(
      pipeline({ events, bus: 'side-by-side-theirs' }, c, table),
      count,
      windowMs,
      diagnose,
    );
    problems.splice(0);
    const sqs = await measure(pipeline({ queueUrl: queueUrl! }, c, table, queueUrl), count, windowMs, diagnose);
    return { eventBridge, sqs };
  } finally {
    events.destroy();
    await offline.stop();
    await c.sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl })).catch(() => undefined);
  }
}

export async function benchSideBySide(
  count = 100,
  windowMs = 3000,
  sides: readonly ('ours' | 'theirs')[] = ['ours', 'theirs'],
): Promise<SideBySideBenchmark> {
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
    const skipped = { eventBridge: {}, sqs: {} };
    const ours = sides.includes('ours') ? await measureOurs(mesh, c, count, windowMs) : skipped;
    const theirs = sides.includes('theirs') ? await measureTheirs(mesh, c, count, windowMs) : skipped;
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
    for (const figure of ['p50Ms', 'p99Ms', 'eventsPerSecond'] as const) {
      const [a, b] = [ours[figure], theirs[figure]];
      if (a !== undefined && b !== undefined && b > 0) ratios[`${trigger}.${figure}`] = Math.round((a / b) * 100) / 100;
    }
  }
  return ratios;
}

if (require.main === module) {
  const sides = process.argv[4] ? [process.argv[4] as 'ours' | 'theirs'] : undefined;
  benchSideBySide(Number(process.argv[2] ?? 100), Number(process.argv[3] ?? 3000), sides).then(
    (result) => console.log(JSON.stringify({ ...result, ratios: sideBySideRatios(result) }, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
