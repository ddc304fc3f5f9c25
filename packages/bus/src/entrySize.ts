import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';

/** PutEvents' request limit: the sum of its entries' sizes, computed as {@link entrySize} does. */
export const PUT_EVENTS_MAX_BYTES = 1024 * 1024;
/** PutEvents takes at most 10 entries per request. */
export const PUT_EVENTS_MAX_ENTRIES = 10;

const utf8 = (value: string): number => Buffer.byteLength(value, 'utf8');

/**
 * The size of a PutEvents entry as AWS counts it ("Calculating PutEvents event entry size"): 14 bytes for
 * a Time, plus the UTF-8 bytes of Source, DetailType, Detail and each Resources ARN.
 *
 * @example
 * entrySize({ Source: 'mesh.loans', DetailType: 'BookLent', Detail: '{}' }); // 20
 */
export function entrySize(entry: PutEventsRequestEntry): number {
  let size = entry.Time ? 14 : 0;
  if (entry.Source) size += utf8(entry.Source);
  if (entry.DetailType) size += utf8(entry.DetailType);
  if (entry.Detail) size += utf8(entry.Detail);
  for (const resource of entry.Resources ?? []) size += utf8(resource);
  return size;
}
