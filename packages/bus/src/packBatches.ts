/** The most a batch request may carry. */
export interface BatchLimits {
  maxEntries: number;
  maxBytes: number;
}

/**
 * Packs items, in order, into as few batch requests as the limits allow (PutEvents: 10 entries and
 * 1 MiB; SendMessageBatch: 10 messages and 1 MiB). Callers check that each item fits alone first.
 *
 * @example
 * packBatches(entries, entrySize, { maxEntries: 10, maxBytes: 1024 * 1024 }); // 25 small entries -> 3 batches
 */
export function packBatches<T>(items: readonly T[], sizeOf: (item: T) => number, limits: BatchLimits): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let currentBytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length === limits.maxEntries || (current.length > 0 && currentBytes + size > limits.maxBytes)) {
      batches.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(item);
    currentBytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
