import type { SQSClient } from '@aws-sdk/client-sqs';
import type { LambdaInvoker } from '../pollers/lambdaInvoker';
import type { EventSourceMappingSpec } from '../provision/types';

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
