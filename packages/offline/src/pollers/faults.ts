import { ChangeMessageVisibilityBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { EventSourceMappingSpec } from '../provision/types';
import { failedItemIds } from './batchItemFailures';
import type { LambdaInvoker } from './lambdaInvoker';
import type { SQSEvent, SQSRecord } from './sqsEvent';

/**
 * Faults injected at the event-source-mapping layer, between an SQS queue and its function, as they happen on
 * AWS: a delivery that fails, a message delivered twice, a standard queue's batch out of order, the function's
 * process killed while a batch is in flight. Used by the soak (`npm run soak`) to prove the saga survives them.
 *
 * - `failureRate`: that share of deliveries is turned into a failure. `failAfterShare` of those fail AFTER the
 *   function ran (its effects happened; the retry is a real duplicate delivery), the rest fail BEFORE it is
 *   invoked (the function never sees that delivery). On a FIFO queue the later messages of the same group in
 *   the batch fail with it, as a FIFO consumer stops at its first failure, so group order is kept.
 * - `duplicateRate`: that share of deliveries is delivered twice. On a standard queue the second delivery runs
 *   at the same time as the first (two pollers holding the same message); on a FIFO queue it follows the
 *   batch, with the rest of its group, in order. The message is deleted when either delivery succeeded.
 * - `shuffle`: a standard queue's batch reaches the function in a shuffled order. FIFO batches never are.
 * - kills: {@link FaultInjector.armKill} makes the next batch of a service's functions kill that service's
 *   process while the batch is in flight (see `killer`); its messages come back after the queue's own
 *   visibility timeout, as on AWS.
 * - `retryVisibilitySeconds`: a delivery the injector failed is made visible again after this many seconds
 *   (ChangeMessageVisibility) instead of the queue's visibility timeout. It compresses time only: the receive
 *   count still grows and the redrive policy still moves the message to its DLQ at `maxReceiveCount`.
 *   Failures of the function itself (and kills) keep the queue's visibility timeout. Unset: leave every
 *   failure to the queue's timeout.
 *
 * Every decision comes from a generator seeded with `seed` and the queue's name, so a run's sequence of
 * decisions per queue is the same for the same seed (what each decision lands on depends on timing).
 */
export interface FaultConfig {
  seed: string | number;
  failureRate: number;
  failAfterShare: number;
  duplicateRate: number;
  shuffle: boolean;
  retryVisibilitySeconds?: number;
  /** How long after a batch's invocation starts its process is killed. Default 30 ms. */
  killDelayMs?: number;
  /** The service whose process runs a function: by default the function name up to its first `-`. */
  serviceOf?: (functionName: string) => string | undefined;
}

export type InjectedFault = 'fail-before' | 'fail-after' | 'duplicate' | 'killed';

/** One delivery of a message that did not simply succeed, or carried a fault. */
export interface DeliveryEntry {
  at: number;
  /** The SQS ApproximateReceiveCount of this delivery. */
  receiveCount: number;
  /** The fault injected on this delivery, if any. */
  fault?: InjectedFault;
  /** `failed`: the delivery came back to its queue (whatever the reason). */
  outcome: 'handled' | 'failed';
  /** Why it failed: the injected fault, the function's report or the invocation's error. */
  reason?: string;
  /** True when an injected fault explains the failure (an injected failure, or its service was killed). */
  injected: boolean;
}

/** What happened to one message across its deliveries (only kept for messages with a fault or a failure). */
export interface MessageHistory {
  messageId: string;
  queue: string;
  deliveries: DeliveryEntry[];
}

export interface KillRecord {
  service: string;
  queue: string;
  functionName: string;
  /** Messages of the batch in flight when the process was killed. */
  messageIds: string[];
  at: number;
  /** False when the invocation had already ended when the kill landed (the kill is then tried again). */
  midBatch: boolean;
  /** Milliseconds from the kill until the service served again; undefined while restarting. */
  downMs?: number;
  error?: string;
}

export interface QueueFaultStats {
  deliveries: number;
  batches: number;
  shuffledBatches: number;
  failBefore: number;
  failAfter: number;
  duplicates: number;
  /** Deliveries the function itself failed (reported or thrown), injected faults aside. */
  functionFailures: number;
}

export interface FaultStats {
  queues: Record<string, QueueFaultStats>;
  kills: KillRecord[];
  /** `kills`: processes killed while a batch was in flight; `killsAfterBatch`: kills that landed too late. */
  totals: QueueFaultStats & { kills: number; killsAfterBatch: number };
}

/** What the SQS poller hands the injector: the mapping, its queue and the function's invoker. */
export interface SqsFaultTarget {
  spec: EventSourceMappingSpec;
  sqs: SQSClient;
  queueUrl: () => string | undefined;
  fifo: boolean;
  invoke: LambdaInvoker;
}

/** The hook the SQS poller calls once: the invoker it gets back injects the faults. */
export interface SqsFaultHook {
  wrapSqsInvoker(target: SqsFaultTarget): LambdaInvoker;
}

export interface FaultInjector extends SqsFaultHook {
  readonly config: Readonly<FaultConfig>;
  /** The next batch invoked for one of `service`'s functions kills its process mid-batch (once). */
  armKill(service: string): void;
  /** Kills `service`'s process at once and resolves when it serves again (e.g. `mesh.restartService`). */
  setKiller(killer: (service: string) => Promise<void>): void;
  /** Kills armed and not yet landed mid-batch. */
  pendingKills(): string[];
  stats(): FaultStats;
  historyOf(messageId: string): MessageHistory | undefined;
  histories(): MessageHistory[];
}

/** A delivery the injector failed on purpose. */
export class InjectedFaultError extends Error {
  override readonly name = 'InjectedFaultError';
}

/** The most receives of one message that injected failures may take (see wrapSqsInvoker). */
export const MAX_INJECTED_FAILURES = 2;

/**
 * A small, fast seeded generator (mulberry32 over a string hash): the same seed gives the same sequence.
 *
 * @example
 * const random = seededRandom('soak-1'); random(); // 0 ≤ x < 1, the same on every run
 */
export function seededRandom(seed: string | number): () => number {
  let state = 2166136261;
  for (const char of String(seed)) state = Math.imul(state ^ char.charCodeAt(0), 16777619) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const emptyStats = (): QueueFaultStats => ({
  deliveries: 0,
  batches: 0,
  shuffledBatches: 0,
  failBefore: 0,
  failAfter: 0,
  duplicates: 0,
  functionFailures: 0,
});

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const messageText = (error: unknown) => (error instanceof Error ? error.message : String(error));

function validate(config: FaultConfig): void {
  for (const key of ['failureRate', 'failAfterShare', 'duplicateRate'] as const) {
    const value = config[key];
    if (!(value >= 0 && value <= 1)) throw new RangeError(`${key} must be from 0 to 1, got ${value}`);
  }
  if (config.failureRate + config.duplicateRate > 1) {
    throw new RangeError('failureRate + duplicateRate must not exceed 1');
  }
  const retry = config.retryVisibilitySeconds;
  if (retry !== undefined && !(Number.isInteger(retry) && retry >= 0 && retry <= 43_200)) {
    throw new RangeError(`retryVisibilitySeconds must be an integer from 0 to 43200, got ${retry}`);
  }
}

/**
 * A fault injector for the offline event source mappings: give it to `startMesh({ faults })` (or
 * `startEventSourceMappings` / `createSqsPoller`), and every SQS delivery passes through it. See
 * {@link FaultConfig} for what it does and why each fault is honest to SQS's semantics.
 *
 * @example
 * const faults = createFaultInjector({ seed: 1, failureRate: 0.05, failAfterShare: 0.5, duplicateRate: 0.01,
 *   shuffle: true, retryVisibilitySeconds: 2 });
 * const mesh = await startMesh({ faults });
 * faults.setKiller((service) => mesh.restartService(service));
 * faults.armKill('payments');
 * console.log(faults.stats().totals);
 */
export function createFaultInjector(config: FaultConfig): FaultInjector {
  validate(config);
  const serviceOf = config.serviceOf ?? ((functionName: string) => functionName.split('-')[0]);
  const killDelayMs = config.killDelayMs ?? 30;
  const queues = new Map<string, QueueFaultStats>();
  const histories = new Map<string, MessageHistory>();
  const kills: KillRecord[] = [];
  const armed = new Set<string>();
  /** While a service restarts after a kill: invocations failing then are explained by the kill. */
  const down = new Map<string, { from: number; until?: number }[]>();
  let killer: ((service: string) => Promise<void>) | undefined;

  const statsOf = (queue: string) => {
    let stats = queues.get(queue);
    if (!stats) queues.set(queue, (stats = emptyStats()));
    return stats;
  };

  const record = (queue: string, messageId: string, entry: Omit<DeliveryEntry, 'at'>) => {
    let history = histories.get(messageId);
    if (!history) histories.set(messageId, (history = { messageId, queue, deliveries: [] }));
    history.deliveries.push({ at: Date.now(), ...entry });
  };

  const wasDown = (service: string | undefined, from: number, to: number) =>
    service !== undefined &&
    (down.get(service) ?? []).some((window) => window.from <= to && (window.until ?? Infinity) >= from);

  async function kill(service: string, entry: KillRecord): Promise<void> {
    const window = { from: Date.now() } as { from: number; until?: number };
    down.set(service, [...(down.get(service) ?? []), window]);
    try {
      await killer!(service);
    } catch (error) {
      entry.error = messageText(error);
    } finally {
      window.until = Date.now();
      entry.downMs = window.until - window.from;
    }
  }

  function wrapSqsInvoker(target: SqsFaultTarget): LambdaInvoker {
    const { spec, sqs, fifo, invoke } = target;
    const queue = spec.sourceArn.split(':')[5] ?? spec.sourceArn;
    const random = seededRandom(`${config.seed}:${queue}`);
    const injectedFailures = new Map<string, number>();
    const stats = statsOf(queue);
    const service = serviceOf(spec.functionName);

    const makeVisibleSoon = async (records: readonly SQSRecord[]) => {
      const url = target.queueUrl();
      if (config.retryVisibilitySeconds === undefined || records.length === 0 || !url) return;
      for (let i = 0; i < records.length; i += 10) {
        try {
          await sqs.send(
            new ChangeMessageVisibilityBatchCommand({
              QueueUrl: url,
              Entries: records.slice(i, i + 10).map((r, index) => ({
                Id: String(index),
                ReceiptHandle: r.receiptHandle,
                VisibilityTimeout: config.retryVisibilitySeconds,
              })),
            }),
          );
        } catch {
          // It then comes back after the queue's own visibility timeout: slower, never lost.
        }
      }
    };

    return async (functionName, rawEvent) => {
      const event = rawEvent as SQSEvent;
      const records = [...event.Records];
      stats.batches += 1;
      stats.deliveries += records.length;

      // Out of order: a standard queue promises no order, so its batch may come in any order. FIFO: never.
      if (config.shuffle && !fifo && records.length > 1) {
        const before = records.map((r) => r.messageId).join();
        for (let i = records.length - 1; i > 0; i -= 1) {
          const j = Math.floor(random() * (i + 1));
          [records[i], records[j]] = [records[j]!, records[i]!];
        }
        if (records.map((r) => r.messageId).join() !== before) stats.shuffledBatches += 1;
      }

      const fault = new Map<string, InjectedFault>();
      for (const r of records) {
        const draw = random();
        // At most MAX_INJECTED_FAILURES of a message's receives are taken by injected failures, so the function
        // always has the rest (three, at maxReceiveCount 5): a message reaches its DLQ only if the function
        // itself failed it again and again, which the soak's "DLQ explained" check then reports.
        const mayFail = (injectedFailures.get(r.messageId) ?? 0) < MAX_INJECTED_FAILURES;
        if (draw < config.failureRate) {
          if (mayFail) fault.set(r.messageId, random() < config.failAfterShare ? 'fail-after' : 'fail-before');
        } else if (draw < config.failureRate + config.duplicateRate) {
          fault.set(r.messageId, 'duplicate');
        }
      }
      if (fifo) {
        // A FIFO consumer stops at a group's first failure: the group's later messages fail with it.
        const failedGroups = new Map<string, InjectedFault>();
        for (const r of records) {
          const group = r.attributes.MessageGroupId ?? '';
          const held = failedGroups.get(group);
          if (held) fault.set(r.messageId, held);
          const own = fault.get(r.messageId);
          if (own === 'fail-before' || own === 'fail-after') failedGroups.set(group, own);
        }
      }
      for (const [messageId, injected] of fault) {
        if (injected === 'fail-before' || injected === 'fail-after') {
          injectedFailures.set(messageId, (injectedFailures.get(messageId) ?? 0) + 1);
        }
      }
      const receiveCount = (r: SQSRecord) => Number(r.attributes.ApproximateReceiveCount ?? 0);
      const failedBefore = records.filter((r) => fault.get(r.messageId) === 'fail-before');
      const delivered = records.filter((r) => fault.get(r.messageId) !== 'fail-before');
      const failedAfter = delivered.filter((r) => fault.get(r.messageId) === 'fail-after');
      let duplicated = delivered.filter((r) => fault.get(r.messageId) === 'duplicate');
      if (fifo && duplicated.length > 0) {
        // Re-delivered in order with the rest of its group, as a FIFO retry would.
        const groups = new Set(duplicated.map((r) => r.attributes.MessageGroupId ?? ''));
        const from = new Map<string, number>();
        delivered.forEach((r, index) => {
          const group = r.attributes.MessageGroupId ?? '';
          if (groups.has(group) && fault.get(r.messageId) === 'duplicate' && !from.has(group)) from.set(group, index);
        });
        duplicated = delivered.filter((r, index) => {
          const start = from.get(r.attributes.MessageGroupId ?? '');
          return start !== undefined && index >= start;
        });
      }
      stats.failBefore += failedBefore.length;
      stats.failAfter += failedAfter.length;
      stats.duplicates += duplicated.length;

      // One kill of a service at a time: a re-armed kill waits until the service serves again.
      const restarting = (down.get(service ?? '') ?? []).some((window) => window.until === undefined);
      const killNow =
        service !== undefined && armed.has(service) && killer !== undefined && delivered.length > 0 && !restarting;
      if (killNow) armed.delete(service);

      const started = Date.now();
      let settled = false;
      const call = delivered.length > 0 ? invoke(functionName, { Records: delivered }) : Promise.resolve(undefined);
      void call.then(
        () => (settled = true),
        () => (settled = true),
      );
      const duplicateCall: Promise<unknown> | undefined =
        duplicated.length === 0
          ? undefined
          : fifo
            ? call.then(
                () => invoke(functionName, { Records: duplicated }),
                () => invoke(functionName, { Records: duplicated }),
              )
            : invoke(functionName, { Records: duplicated });
      duplicateCall?.catch(() => undefined);

      let killing: Promise<void> | undefined;
      if (killNow) {
        await delay(killDelayMs);
        const entry: KillRecord = {
          service,
          queue,
          functionName,
          messageIds: delivered.map((r) => r.messageId),
          at: Date.now(),
          midBatch: !settled,
        };
        kills.push(entry);
        // A kill that landed after the batch ended proves nothing: the next batch tries again.
        if (!entry.midBatch) armed.add(service);
        killing = kill(service, entry);
      }

      let response: unknown;
      let callError: unknown;
      try {
        response = await call;
      } catch (error) {
        callError = error;
      }
      let duplicateFailed = new Set<string>(duplicated.map((r) => r.messageId));
      if (duplicateCall) {
        try {
          const ids = new Set(duplicated.map((r) => r.messageId));
          duplicateFailed = failedItemIds(await duplicateCall, ids);
        } catch {
          // The second delivery failed whole; the first decides.
        }
      }
      if (killing) await killing;
      const ended = Date.now();

      for (const r of failedBefore) {
        record(queue, r.messageId, {
          receiveCount: receiveCount(r),
          fault: 'fail-before',
          outcome: 'failed',
          reason: 'injected: failed before the function was invoked',
          injected: true,
        });
      }

      if (callError !== undefined) {
        const duringKill = killNow || wasDown(service, started, ended);
        for (const r of delivered) {
          if (!duringKill) stats.functionFailures += 1;
          record(queue, r.messageId, {
            receiveCount: receiveCount(r),
            ...(duringKill ? { fault: 'killed' as const } : {}),
            outcome: 'failed',
            reason: `${duringKill ? `${service} was killed: ` : ''}${messageText(callError)}`,
            injected: duringKill,
          });
        }
        await makeVisibleSoon(failedBefore);
        throw callError;
      }

      if (fault.size === 0) {
        // Nothing injected: the function's answer goes to the poller untouched. Record its failures.
        try {
          const failed = failedItemIds(response, new Set(delivered.map((r) => r.messageId)));
          for (const r of delivered.filter((d) => failed.has(d.messageId))) {
            stats.functionFailures += 1;
            record(queue, r.messageId, {
              receiveCount: receiveCount(r),
              outcome: 'failed',
              reason: 'reported failed by the function',
              injected: false,
            });
          }
        } catch {
          // The poller fails the whole batch on a malformed answer, and logs why.
        }
        return response;
      }

      const reported = failedItemIds(response, new Set(delivered.map((r) => r.messageId)));
      const failed = new Set<string>();
      for (const r of delivered) {
        const kind = fault.get(r.messageId);
        const functionFailed =
          reported.has(r.messageId) && !(kind === 'duplicate' && !duplicateFailed.has(r.messageId));
        if (kind === 'fail-after') {
          failed.add(r.messageId);
          record(queue, r.messageId, {
            receiveCount: receiveCount(r),
            fault: kind,
            outcome: 'failed',
            reason: `injected: failed after the function ${reported.has(r.messageId) ? 'failed' : 'handled'} it`,
            injected: true,
          });
        } else if (functionFailed) {
          failed.add(r.messageId);
          stats.functionFailures += 1;
          record(queue, r.messageId, {
            receiveCount: receiveCount(r),
            ...(kind ? { fault: kind } : {}),
            outcome: 'failed',
            reason: 'reported failed by the function',
            injected: false,
          });
        } else if (kind === 'duplicate') {
          record(queue, r.messageId, {
            receiveCount: receiveCount(r),
            fault: kind,
            outcome: 'handled',
            injected: true,
          });
        }
      }
      for (const r of failedBefore) failed.add(r.messageId);
      await makeVisibleSoon([...failedBefore, ...failedAfter]);
      if (!spec.reportBatchItemFailures && failed.size > 0) {
        throw new InjectedFaultError(`${failed.size} message(s) of the batch failed (injected or reported)`);
      }
      return { batchItemFailures: [...failed].map((itemIdentifier) => ({ itemIdentifier })) };
    };
  }

  return {
    config: Object.freeze({ ...config }),
    wrapSqsInvoker,
    armKill(service) {
      armed.add(service);
    },
    setKiller(value) {
      killer = value;
    },
    pendingKills: () => [...armed],
    stats() {
      const midBatch = kills.filter((k) => k.midBatch).length;
      const totals = { ...emptyStats(), kills: midBatch, killsAfterBatch: kills.length - midBatch };
      for (const stats of queues.values()) {
        for (const key of Object.keys(stats) as (keyof QueueFaultStats)[]) totals[key] += stats[key];
      }
      return {
        queues: Object.fromEntries([...queues].map(([name, stats]) => [name, { ...stats }])),
        kills: kills.map((k) => ({ ...k })),
        totals,
      };
    },
    historyOf: (messageId) => histories.get(messageId),
    histories: () => [...histories.values()],
  };
}
