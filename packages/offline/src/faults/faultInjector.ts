import { ChangeMessageVisibilityBatchCommand } from '@aws-sdk/client-sqs';
import { failedItemIds } from '../pollers/batchItemFailures';
import type { LambdaInvoker } from '../pollers/lambdaInvoker';
import type { SQSEvent, SQSRecord } from '../pollers/sqsEvent';
import { InjectedFaultError } from './errors';
import { seededRandom } from './seededRandom';
import type {
  DeliveryEntry,
  FaultConfig,
  FaultInjector,
  InjectedFault,
  KillRecord,
  MessageHistory,
  QueueFaultStats,
  SqsFaultTarget,
} from './types';

/** The most receives of one message that injected failures may take (see wrapSqsInvoker). */
export const MAX_INJECTED_FAILURES = 2;

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
 * faults.armKill('loans');
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
