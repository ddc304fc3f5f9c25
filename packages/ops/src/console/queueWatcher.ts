import type { SQSClient } from '@aws-sdk/client-sqs';
import { consoleQueues, type ConsoleQueue } from './consoleQueues';

export interface QueueWatcher {
  /** Calls `listener` with the latest snapshot now (if any) and with every changed one; returns unsubscribe. */
  subscribe(listener: (queues: ConsoleQueue[]) => void): () => void;
  /** Reads the depths now (e.g. right after a redrive) and tells listeners if they changed. */
  refresh(): Promise<ConsoleQueue[]>;
  /** The latest snapshot read, if any. */
  latest(): ConsoleQueue[] | undefined;
  stop(): void;
}

/**
 * Reads every queue's depths every `intervalMs` while someone listens (the console's open pages), and tells
 * the listeners only when something changed. Nothing is received: only `GetQueueAttributes`.
 *
 * @example
 * const watcher = watchQueues(sqs, 'dev', { intervalMs: 1000 });
 * const unsubscribe = watcher.subscribe((queues) => render(queues));
 */
export function watchQueues(
  sqs: SQSClient,
  stage: string,
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): QueueWatcher {
  const intervalMs = options.intervalMs ?? 1000;
  const listeners = new Set<(queues: ConsoleQueue[]) => void>();
  let snapshot: ConsoleQueue[] | undefined;
  let snapshotJson = '';
  let timer: NodeJS.Timeout | undefined;
  let reading: Promise<ConsoleQueue[]> | undefined;
  let stopped = false;

  const read = (): Promise<ConsoleQueue[]> => {
    // One read at a time: a slow endpoint must not pile up requests.
    reading ??= consoleQueues(sqs, stage)
      .then((queues) => {
        const json = JSON.stringify(queues);
        if (json !== snapshotJson) {
          snapshot = queues;
          snapshotJson = json;
          for (const listener of listeners) listener(queues);
        }
        return queues;
      })
      .finally(() => (reading = undefined));
    return reading;
  };

  const schedule = () => {
    if (stopped || listeners.size === 0 || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      read()
        .catch((error: unknown) => options.onError?.(error))
        .finally(schedule);
    }, intervalMs);
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (snapshot) listener(snapshot);
      else void read().catch((error: unknown) => options.onError?.(error));
      schedule();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer) {
          clearTimeout(timer);
          timer = undefined;
        }
      };
    },
    refresh: read,
    latest: () => snapshot,
    stop() {
      stopped = true;
      listeners.clear();
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
