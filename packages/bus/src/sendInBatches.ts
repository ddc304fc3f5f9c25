import { backoffDelay, type BackoffOptions } from './backoff';
import { packBatches, type BatchLimits } from './packBatches';

/** Why an entry was refused; `permanent` when retrying cannot help (it was refused for what it is). */
export interface EntryError {
  code: string;
  message: string;
  permanent: boolean;
}

/** One entry on its way: its place in the caller's list, its size, and how it has fared so far. */
export interface PendingEntry {
  index: number;
  size: number;
  attempts: number;
  lastError?: EntryError;
}

/** How a batch request ended for each of its entries. */
export interface BatchOutcome<P, R> {
  succeeded(item: P, result: R): void;
  failed(item: P, error: EntryError): void;
}

export interface SendInBatchesOptions<P extends PendingEntry, R> {
  limits: BatchLimits;
  backoff: BackoffOptions;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** Sends one batch and reports each entry; an entry reported neither way is retried. */
  sendBatch(batch: P[], outcome: BatchOutcome<P, R>): Promise<void>;
  /** The result of an entry given up on: permanently refused, or still failing at the last attempt. */
  giveUp(item: P, error: EntryError): R;
  onRetry?(count: number, attempt: number): void;
}

/**
 * The retry loop shared by PutEvents and SendMessageBatch: packs the entries into batch requests, sends
 * them, and resends only the entries that failed, after a jittered exponential backoff, until each has
 * succeeded, been refused permanently, or run out of attempts. Results come back in the entries' order.
 *
 * @example
 * const results = await sendInBatches(pending, { limits, backoff, sleep, random, sendBatch, giveUp });
 */
export async function sendInBatches<P extends PendingEntry, R>(
  pending: readonly P[],
  options: SendInBatchesOptions<P, R>,
): Promise<R[]> {
  const results: (R | undefined)[] = new Array(pending.length);
  let remaining = [...pending];
  for (let attempt = 1; remaining.length > 0; attempt++) {
    if (attempt > 1) await options.sleep(backoffDelay(attempt - 1, options.backoff, options.random));
    const retry = new Set(remaining);
    const outcome: BatchOutcome<P, R> = {
      succeeded: (item, result) => {
        results[item.index] = result;
        retry.delete(item);
      },
      failed: (item, error) => {
        item.lastError = error;
      },
    };
    for (const batch of packBatches(remaining, (p) => p.size, options.limits)) {
      for (const item of batch) item.attempts++;
      await options.sendBatch(batch, outcome);
    }
    const exhausted = attempt >= options.backoff.maxAttempts;
    for (const item of retry) {
      const error = item.lastError ?? { code: 'MissingEntry', message: 'no result for this entry', permanent: false };
      if (exhausted || error.permanent) {
        results[item.index] = options.giveUp(item, error);
        retry.delete(item);
      }
    }
    remaining = [...retry];
    if (remaining.length > 0) options.onRetry?.(remaining.length, attempt);
  }
  return results as R[];
}
