/**
 * Measures the offline mesh end to end: time to ready from a cold cache (every service packaged) and from a warm
 * one (templates from `.mesh/`), and the latency from publishing an OrderPlaced through the edge to the
 * notifications subscriber's row being readable in its table, over N events published one after another.
 * Latency includes our poll of the table (every 5 ms), so it slightly overstates the real figure.
 *
 * Run: `npx tsx packages/offline/bench/endToEnd.ts [events=200]`
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { event, EventPublisher } from '@mesh/bus';
import { OrderPlaced } from '@mesh/contracts';
import { startMesh, type StartedMesh } from '../src/runner';

export interface EndToEndBenchmark {
  coldReadyMs: number;
  warmReadyMs: number;
  events: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

const ROOT = path.resolve(__dirname, '../../..');
const STAGE = 'bench';
const region = 'us-east-1';
const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

function start(): Promise<StartedMesh> {
  return startMesh({
    rootDir: ROOT,
    stage: STAGE,
    services: ['notifications'],
    edgePort: 0,
    httpPort: 0,
    websocketPort: 0,
    onLog: () => undefined,
  });
}

async function measureLatency(mesh: StartedMesh, count: number): Promise<number[]> {
  const config = { endpoint: mesh.edgeUrl, region, credentials };
  const events = new EventBridgeClient(config);
  const dynamo = new DynamoDBClient(config);
  const bus = mesh.services.find((s) => s.name === 'bus')!.provisioned.outputs.EventBusName!;
  const publisher = new EventPublisher({ eventBusName: bus, client: events });
  const latencies: number[] = [];
  try {
    for (let i = 0; i < count; i += 1) {
      const customerId = `cus-${randomUUID()}`;
      const occurredAt = new Date();
      const sent = performance.now();
      const [result] = await publisher.publish([
        event(
          OrderPlaced,
          { ...OrderPlaced.example, customerId },
          { correlationId: 'bench', causationId: 'bench' },
          {
            occurredAt,
          },
        ),
      ]);
      const key = {
        customerId: { S: customerId },
        sk: { S: `${occurredAt.toISOString()}#${result!.eventId}` },
      };
      for (;;) {
        const { Item } = await dynamo.send(
          new GetItemCommand({ TableName: `notifications-${STAGE}`, Key: key, ConsistentRead: true }),
        );
        if (Item) break;
        if (performance.now() - sent > 30_000) throw new Error(`event ${i} was not handled within 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      latencies.push(performance.now() - sent);
    }
  } finally {
    events.destroy();
    dynamo.destroy();
  }
  return latencies;
}

export async function benchEndToEnd(count = 200): Promise<EndToEndBenchmark> {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
  // Cold: no cached template for this stage.
  for (const service of ['bus', 'notifications']) {
    rmSync(path.join(ROOT, '.mesh/package', service, STAGE), { recursive: true, force: true });
  }
  const cold = await start();
  const coldReadyMs = cold.readyMs;
  await cold.stop();

  const warm = await start();
  try {
    const latencies = (await measureLatency(warm, count)).sort((a, b) => a - b);
    return {
      coldReadyMs: Math.round(coldReadyMs),
      warmReadyMs: Math.round(warm.readyMs),
      events: count,
      p50Ms: Math.round(percentile(latencies, 50)),
      p90Ms: Math.round(percentile(latencies, 90)),
      p99Ms: Math.round(percentile(latencies, 99)),
      maxMs: Math.round(latencies[latencies.length - 1]!),
    };
  } finally {
    await warm.stop();
  }
}

if (require.main === module) {
  const count = Number(process.argv[2] ?? 200);
  benchEndToEnd(count).then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
