/**
 * Measures the offline mesh end to end (its ready times are `devReady.ts`'s):
 * - latency from publishing an OrderPlaced through the edge to the notifications subscriber's row being
 *   readable in its table, one event after another (EventBridge → SQS → poller → Lambda → DynamoDB);
 * - sustained throughput along the same path: PutEvents of 10 entries as fast as they are accepted over a
 *   fixed window, then the subscriber's rows counted until every accepted event is handled;
 * - where the latency goes: the mesh's own hop records of the latency run's events (EventBridge accepting,
 *   enqueueing, the poller receiving, the invocation answering), medians per leg.
 *
 * Run: `npx tsx bench/src/endToEnd.ts [events=200] [windowMs=5000]`
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { event, EventPublisher } from '@mesh/bus';
import { OrderPlaced } from '@mesh/contracts';
import { startMesh, type StartedMesh } from '@mesh/offline';
import { cpuSecondsBetween, cpuSnapshot } from './cpuUsage';
import { latencyLegs, type LatencyLegs } from './latencyLegs';
import { countPartition, queueBacklog, measureLatency, measureThroughput, type Pipeline } from './load';

export interface EndToEndBenchmark {
  events: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Handled events/s, sustained (publishing and drain), EventBridge → SQS → Lambda → DynamoDB. */
  eventsPerSecond: number;
  /** Accepted events/s while publishing (PutEvents, 10 entries per call). */
  publishedPerSecond: number;
  throughputEvents: number;
  drainSeconds: number;
  /** Accepted events not handled when the wait was given up (0 when every event arrived). */
  unhandledEvents: number;
}

const ROOT = path.resolve(__dirname, '../..');
const STAGE = 'bench';
const region = 'us-east-1';
const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };

function start(services?: string[]): Promise<StartedMesh> {
  return startMesh({
    rootDir: ROOT,
    stage: STAGE,
    ...(services ? { services } : {}),
    edgePort: 0,
    httpPort: 0,
    websocketPort: 0,
    onLog: () => undefined,
  });
}

/** The notifications subscriber of a running mesh as a {@link Pipeline}: OrderPlaced in, its row out. */
export function notificationsPipeline(mesh: StartedMesh) {
  const config = { endpoint: mesh.edgeUrl, region, credentials };
  const events = new EventBridgeClient(config);
  const dynamo = new DynamoDBClient(config);
  const sqs = new SQSClient(config);
  const notifications = mesh.services.find((s) => s.name === 'notifications')!;
  const queueUrl = notifications.queues.find((q) => !/dlq/i.test(q.logicalId))!.url;
  const bus = mesh.services.find((s) => s.name === 'bus')!.provisioned.outputs.EventBusName!;
  const publisher = new EventPublisher({ eventBusName: bus, client: events });
  const table = `notifications-${STAGE}`;
  const orderPlaced = (customerId: string, occurredAt = new Date()) =>
    event(
      OrderPlaced,
      { ...OrderPlaced.example, customerId, orderId: `ord-${randomUUID()}` },
      { correlationId: 'bench', causationId: 'bench' },
      { occurredAt },
    );
  const pipeline: Pipeline = {
    async publishOne() {
      const customerId = `cus-${randomUUID()}`;
      const occurredAt = new Date();
      const [result] = await publisher.publish([orderPlaced(customerId, occurredAt)]);
      const Key = { customerId: { S: customerId }, sk: { S: `${occurredAt.toISOString()}#${result!.eventId}` } };
      return async () =>
        (await dynamo.send(new GetItemCommand({ TableName: table, Key, ConsistentRead: true }))).Item !== undefined;
    },
    async publishBatch(run, count) {
      const results = await publisher.publish(Array.from({ length: count }, () => orderPlaced(run)));
      return results.length;
    },
    handled: (run) => countPartition(dynamo, table, 'customerId', run),
    backlog: () => queueBacklog(sqs, queueUrl),
  };
  return {
    pipeline,
    close() {
      events.destroy();
      dynamo.destroy();
      sqs.destroy();
    },
  };
}

export interface EndToEndResult {
  endToEnd: EndToEndBenchmark;
  /** Where the latency run's time went, leg by leg. */
  endToEndLatencyLegs: LatencyLegs;
  /** CPU seconds per process group during the throughput run: where the time goes. */
  endToEndCpuSeconds: Record<string, number>;
  /** The same per handled event, in ms: what one event costs each part of the mesh. */
  endToEndCpuMsPerEvent: Record<string, number>;
}

export async function benchEndToEnd(count = 200, windowMs = 5000): Promise<EndToEndResult> {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
  const mesh = await start(['notifications']);
  const { pipeline, close } = notificationsPipeline(mesh);
  try {
    // The warm-up events of measureLatency are hops too: they are left out by starting after them.
    const warmup = 5;
    let since = 0;
    const latency = await measureLatency(pipeline, count, warmup, Number.POSITIVE_INFINITY, (i) => {
      if (i === warmup) since = mesh.hops.query({ limit: 1 })[0]?.seq ?? 0;
    });
    const endToEndLatencyLegs = latencyLegs(mesh.hops, 'bench', since);
    const before = cpuSnapshot();
    const throughput = await measureThroughput(pipeline, { windowMs, lanes: 4, drainTimeoutMs: 120_000 });
    const endToEndCpuSeconds = cpuSecondsBetween(before, cpuSnapshot());
    const endToEnd = {
      ...latency,
      eventsPerSecond: throughput.eventsPerSecond,
      publishedPerSecond: throughput.publishedPerSecond,
      throughputEvents: throughput.published,
      drainSeconds: throughput.drainSeconds,
      unhandledEvents: throughput.unhandledEvents,
    };
    const endToEndCpuMsPerEvent = Object.fromEntries(
      Object.entries(endToEndCpuSeconds)
        .filter(([group]) => group !== 'wall seconds' && group !== 'rest of the machine')
        .map(([group, seconds]) => [group, Math.round((seconds * 1000 * 100) / throughput.handledEvents) / 100]),
    );
    return { endToEnd, endToEndLatencyLegs, endToEndCpuSeconds, endToEndCpuMsPerEvent };
  } finally {
    close();
    await mesh.stop();
  }
}

if (require.main === module) {
  benchEndToEnd(Number(process.argv[2] ?? 200), Number(process.argv[3] ?? 5000)).then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
