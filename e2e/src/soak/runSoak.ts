import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { signDevToken } from '@mesh/bus';
import { createFaultInjector, seededRandom, type FaultStats } from '@mesh/offline';
import { startMesh, type StartedMesh } from '@mesh/offline';
import type { OnStep } from '@mesh/cli';
import { queueDepths, type QueueDepth } from '@mesh/ops';
import { BusTap, callApi } from '../harness';
import { OrderEventLog, ORDER_EVENT_PATTERNS } from './orderEvents';
import { checkSoak, type CheckResult, type Placement } from './checks';
import { readDlq, readInventory, readOrders, readPayments } from './meshState';
import { planOrders } from './orderMix';
import { placeOrders } from './placeOrders';

export interface SoakOptions {
  /** Orders to place. */
  orders: number;
  /** Seeds the order mix and every fault decision. */
  seed: string;
  /** The mesh's stage (its own tables and queues). */
  stage: string;
  /** `POST /orders` requests in flight at once. */
  concurrency: number;
  /** Orders placed and not yet ended at most. */
  maxOpen: number;
  failureRate: number;
  failAfterShare: number;
  duplicateRate: number;
  shuffle: boolean;
  /** Seconds before a delivery failed by the injector is visible again (undefined: the queue's timeout). */
  retryVisibilitySeconds?: number;
  /** Processes killed mid-batch (and restarted), spread over the run. */
  kills: number;
  /**
   * Whose processes may be killed. Not `orders` by default: its outbox relay reads the table's stream, and
   * the offline stream mapping gives a failing batch 3 retries 200 ms apart, then skips it (Lambda would
   * retry as the template says, 10 times, then send it to the relay's DLQ): a restart of orders loses the
   * OrderPlaced of the orders written meanwhile, and they stay PENDING (`--kill-services orders` shows it).
   */
  killServices: string[];
  /** Contract-breaking events published on purpose; each must end in its subscribers' DLQs. */
  badInputs: number;
  /** After the last order is placed: how long everything may take to end and drain. */
  settleTimeoutSeconds: number;
  rootDir: string;
  /** Where the services' and pollers' logs go. */
  logFile: string;
  onStep?: OnStep;
  /** Told every `progressIntervalMs` while orders are placed and the mesh settles. */
  onProgress?: (progress: SoakProgress) => void;
  progressIntervalMs?: number;
}

export interface SoakProgress {
  phase: 'placing' | 'settling';
  placed: number;
  total: number;
  ended: number;
  /** Messages in the stage's queues (visible + in flight + delayed), DLQs aside; -1 when unknown. */
  backlog: number;
  faults: FaultStats['totals'];
  elapsedMs: number;
}

export interface SoakReport {
  passed: boolean;
  options: Omit<SoakOptions, 'onStep' | 'onProgress' | 'rootDir'>;
  figures: {
    readyMs: number;
    /** From the first order placed until every order ended. */
    runMs: number;
    /** From the first order placed until the queues were empty (or the settle timeout). */
    settledMs: number;
    placingMs: number;
    ordersPerSecond: number;
    clientRetries: number;
    settledInTime: boolean;
  };
  faults: FaultStats;
  result: CheckResult;
}

export const DEFAULT_SOAK_OPTIONS: Omit<SoakOptions, 'rootDir' | 'logFile'> = {
  orders: 10_000,
  seed: 'soak',
  stage: 'soak',
  concurrency: 4,
  maxOpen: 150,
  failureRate: 0.05,
  failAfterShare: 0.5,
  duplicateRate: 0.01,
  shuffle: true,
  retryVisibilitySeconds: 2,
  // One kill per service, orders too: its outbox relay reads the table's stream, whose offline mapping retries
  // a failing batch 10 times with backoff (the relay's maximumRetryAttempts), longer than a restart takes.
  kills: 4,
  killServices: ['inventory', 'payments', 'notifications', 'orders'],
  badInputs: 2,
  settleTimeoutSeconds: 900,
};

const region = 'us-east-1';
/** The share of the orders over whose placing the kills are spread. */
const KILL_SPAN = 0.6;
const accountId = '000000000000';
const credentials = { accessKeyId: 'soak', secretAccessKey: 'soak' };
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The soak: starts the whole mesh offline with faults injected at its event source mappings, seeds stock,
 * places `orders` orders of every kind through the orders API (customers cancelling some), kills and
 * restarts subscribers' processes mid-batch, waits for every order to end and every queue to drain, then
 * checks that no order was lost or ended wrongly, nothing was captured twice (or kept for a cancelled
 * order), stock is conserved, every DLQ message is explained and nothing is left in flight.
 *
 * @example
 * const report = await runSoak({ ...DEFAULT_SOAK_OPTIONS, orders: 200, rootDir, logFile: '/tmp/soak.log' });
 * if (!report.passed) console.error(report.result.violations);
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const runId = Date.now().toString(36);
  mkdirSync(path.dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile, { flags: 'w' });
  const faults = createFaultInjector({
    seed: options.seed,
    failureRate: options.failureRate,
    failAfterShare: options.failAfterShare,
    duplicateRate: options.duplicateRate,
    shuffle: options.shuffle,
    ...(options.retryVisibilitySeconds === undefined ? {} : { retryVisibilitySeconds: options.retryVisibilitySeconds }),
  });

  let mesh: StartedMesh | undefined;
  let tap: BusTap | undefined;
  const clients = {
    events: undefined as EventBridgeClient | undefined,
    sqs: undefined as SQSClient | undefined,
    dynamo: undefined as DynamoDBClient | undefined,
  };
  try {
    mesh = await startMesh({
      rootDir: options.rootDir,
      stage: options.stage,
      edgePort: 0,
      httpPort: 0,
      websocketPort: 0,
      faults,
      onLog: (service, line) => log.write(`[${service}] ${line}\n`),
      ...(options.onStep ? { onStep: options.onStep } : {}),
    });
    const running = mesh;
    faults.setKiller((service) => {
      log.write(`[soak] killing ${service} mid-batch and restarting it\n`);
      return running.restartService(service);
    });
    const config = { endpoint: mesh.edgeUrl, region, credentials };
    const events = (clients.events = new EventBridgeClient(config));
    const sqs = (clients.sqs = new SQSClient(config));
    const dynamo = (clients.dynamo = new DynamoDBClient(config));
    const service = (name: string) => {
      const found = running.services.find((s) => s.name === name);
      if (!found) throw new Error(`the mesh runs no ${name} service`);
      return found;
    };
    const busName = service('bus').provisioned.outputs.EventBusName!;
    const tableOf = (name: string) => service(name).tables.find((t) => t === `${name}-${options.stage}`)!;
    for (const name of options.killServices) service(name);

    const liveTap = new OrderEventLog();
    tap = await BusTap.start({
      events,
      sqs,
      busName,
      name: `soak-tap-${runId}`,
      patterns: ORDER_EVENT_PATTERNS,
      region,
      accountId,
      drainers: 2,
      keep: false,
      onEvent: (event) => liveTap.add(event),
    });
    const liveTapRef = tap;

    // Stock, counted by an admin through inventory's own API.
    const plan = planOrders(options.orders, options.seed, runId);
    const admin = signDevToken({ sub: `admin-soak-${runId}`, scope: 'admin', ttlSeconds: 86_400 });
    for (const [sku, onHand] of Object.entries(plan.stock)) {
      let put = await callApi(mesh.httpUrl, 'PUT', `/inventory/stock/${sku}`, { token: admin, body: { onHand } });
      // Setting a count is idempotent: a cold handler's timeout is retried.
      for (let attempt = 1; attempt < 5 && (put.status === 0 || put.status >= 500); attempt += 1) {
        await delay(1000 * attempt);
        put = await callApi(mesh.httpUrl, 'PUT', `/inventory/stock/${sku}`, { token: admin, body: { onHand } });
      }
      if (put.status !== 200)
        throw new Error(`PUT /inventory/stock/${sku} answered ${put.status}: ${JSON.stringify(put.body)}`);
    }

    // Warm the cancel handler with a cancel of an order that does not exist (404, no effect): serverless-offline
    // counts a cold start in the function's 10 s timeout and kills the worker on a timeout, so on a loaded
    // machine a handler first invoked under load may never get warm (its requests answer 504 again and again).
    const warmToken = signDevToken({ sub: `cus-soak-${runId}-warmup`, ttlSeconds: 3600 });
    const warmDeadline = Date.now() + 180_000;
    for (;;) {
      const warm = await callApi(mesh.httpUrl, 'POST', `/orders/orders/ord-warmup-${runId}/cancel`, {
        token: warmToken,
      });
      if (warm.status === 404) break;
      if (Date.now() > warmDeadline) throw new Error(`the cancel handler never answered 404 (last: ${warm.status})`);
      await delay(1000);
    }

    // Inputs broken on purpose: an OrderPlaced without its data reaches every subscriber of OrderPlaced,
    // which must refuse it until the redrive policy moves it to the DLQ.
    const badInputs = new Map<string, string>();
    for (let i = 1; i <= options.badInputs; i += 1) {
      const eventId = `soak-bad-${runId}-${i}`;
      badInputs.set(eventId, 'an OrderPlaced without customerId, items or total (breaks the contract)');
      const put = await events.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: busName,
              Source: 'mesh.orders',
              DetailType: 'OrderPlaced',
              Detail: JSON.stringify({
                eventId,
                version: 1,
                occurredAt: new Date().toISOString(),
                correlationId: `soak-bad-${runId}`,
                causationId: 'soak',
                data: { orderId: `ord-bad-${runId}-${i}` },
              }),
            },
          ],
        }),
      );
      if (put.FailedEntryCount) throw new Error(`the bus refused the bad input ${eventId}`);
    }

    // Kills spread over the first 60% of the placing, one service after another in a seeded order: a killed
    // batch's messages come back only after their queue's 60 s visibility timeout, and that wait overlaps the
    // rest of the placing instead of holding the run open after the last order.
    const killOrder = [...options.killServices];
    const random = seededRandom(`${options.seed}:kills`);
    for (let i = killOrder.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [killOrder[i], killOrder[j]] = [killOrder[j]!, killOrder[i]!];
    }
    const killAt = Array.from({ length: killOrder.length > 0 ? options.kills : 0 }, (_, i) => ({
      at: Math.max(1, Math.floor(((i + 1) * options.orders * KILL_SPAN) / (options.kills + 1))),
      service: killOrder[i % killOrder.length]!,
    }));

    const tokens = new Map(plan.customers.map((c) => [c, signDevToken({ sub: c, ttlSeconds: 86_400 })]));
    let placed = 0;
    let clientRetries = 0;
    let backlog = -1;
    const started = performance.now();
    let phase: SoakProgress['phase'] = 'placing';
    const progress = () =>
      options.onProgress?.({
        phase,
        placed,
        total: options.orders,
        ended: liveTap.ended.size,
        backlog,
        faults: faults.stats().totals,
        elapsedMs: performance.now() - started,
      });
    const isDlq = (q: QueueDepth) => q.isDeadLetter;
    const readBacklog = async () => {
      const depths = await queueDepths(sqs, options.stage);
      backlog = depths.filter((q) => !isDlq(q)).reduce((sum, q) => sum + q.visible + q.inFlight + q.delayed, 0);
      return backlog;
    };
    let ticking = true;
    const ticker = (async () => {
      while (ticking) {
        await delay(options.progressIntervalMs ?? 2000);
        if (!ticking) break;
        await readBacklog().catch(() => undefined);
        liveTapRef.check();
        progress();
      }
    })();

    let placements: Placement[];
    try {
      placements = await placeOrders({
        httpUrl: mesh.httpUrl,
        orders: plan.orders,
        tokenOf: (customerId) => tokens.get(customerId)!,
        concurrency: options.concurrency,
        maxOpen: options.maxOpen,
        openOrders: () => placed - liveTap.ended.size,
        onPlaced: (count) => {
          placed = count;
          for (const kill of killAt.filter((k) => k.at === count)) faults.armKill(kill.service);
        },
        onRetry: () => (clientRetries += 1),
      });
    } finally {
      phase = 'settling';
    }
    const placingMs = performance.now() - started;

    // Settle: every order the API took has ended, and every queue (DLQs aside) is empty twice in a row.
    const acked = placements.filter((p) => p.orderId).map((p) => p.orderId!);
    const deadline = Date.now() + options.settleTimeoutSeconds * 1000;
    let runMs: number | undefined;
    let emptyBefore = false;
    let settledInTime = false;
    for (;;) {
      liveTapRef.check();
      const allEnded = acked.every((orderId) => liveTap.ended.has(orderId));
      if (allEnded) runMs ??= performance.now() - started;
      const empty = (await readBacklog().catch(() => -1)) === 0 && faults.pendingKills().length === 0;
      if (allEnded && empty && emptyBefore) {
        settledInTime = true;
        break;
      }
      emptyBefore = allEnded && empty;
      if (Date.now() > deadline) break;
      await delay(1000);
    }
    ticking = false;
    await ticker;
    const settledMs = performance.now() - started;

    // What the mesh holds now, read from its tables and queues.
    const queues = await queueDepths(sqs, options.stage);
    const dlqMessages = (await Promise.all(queues.filter(isDlq).map((q) => readDlq(sqs, q)))).flat();
    const inventory = await readInventory(dynamo, tableOf('inventory'));
    const result = checkSoak({
      plan,
      placements,
      orders: await readOrders(dynamo, tableOf('orders')),
      stock: inventory.stock,
      reservations: inventory.reservations,
      payments: await readPayments(dynamo, tableOf('payments')),
      events: (orderId) => liveTap.of(orderId),
      queues,
      dlqMessages,
      historyOf: (messageId) => faults.historyOf(messageId),
      badInputs,
    });
    const ended = runMs ?? settledMs;
    const { onStep: _onStep, onProgress: _onProgress, rootDir: _rootDir, ...shown } = options;
    return {
      passed: result.violations.length === 0,
      options: shown,
      figures: {
        readyMs: Math.round(mesh.readyMs),
        runMs: Math.round(ended),
        settledMs: Math.round(settledMs),
        placingMs: Math.round(placingMs),
        ordersPerSecond: Math.round((options.orders / (ended / 1000)) * 100) / 100,
        clientRetries,
        settledInTime,
      },
      faults: faults.stats(),
      result,
    };
  } finally {
    await tap?.stop().catch(() => undefined);
    for (const client of Object.values(clients)) client?.destroy();
    await mesh?.stop();
    await new Promise((resolve) => log.end(resolve));
  }
}
