import type { PutEventsRequestEntry } from './types';

const utf8Bytes = (text: string | undefined) => (text ? Buffer.byteLength(text, 'utf8') : 0);

/**
 * Size of one PutEvents entry as EventBridge counts it: 14 bytes for `Time` when given, plus the UTF-8 bytes
 * of `Source`, `DetailType`, `Detail` and each of `Resources`. The sum over a request's entries must stay
 * within {@link MAX_PUT_EVENTS_REQUEST_BYTES}.
 *
 * @example
 * computeEntrySize({ Source: 'mesh.loans', DetailType: 'BookLent', Detail: '{}' }); // 20
 */
export function computeEntrySize(entry: PutEventsRequestEntry): number {
  let size = entry.Time !== undefined && entry.Time !== null ? 14 : 0;
  size += utf8Bytes(entry.Source) + utf8Bytes(entry.DetailType) + utf8Bytes(entry.Detail);
  for (const resource of entry.Resources ?? []) size += utf8Bytes(resource);
  return size;
}
