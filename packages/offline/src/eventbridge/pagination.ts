import { DEFAULT_LIST_LIMIT } from './constants';
import { ValidationError } from './errors';

/**
 * One page of `items` for the List* operations. `NextToken` is opaque to clients; here it encodes the
 * offset of the next item.
 */
export function paginate<T>(
  items: readonly T[],
  limit: number | undefined,
  nextToken: string | undefined,
): { page: T[]; nextToken?: string } {
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 100))
    throw new ValidationError(`Parameter Limit is not valid. Reason: Limit must be between 1 and 100.`);
  const start = nextToken === undefined ? 0 : decode(nextToken);
  const end = start + (limit ?? DEFAULT_LIST_LIMIT);
  const page = items.slice(start, end);
  return end < items.length ? { page, nextToken: encode(end) } : { page };
}

function encode(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64');
}

function decode(token: string): number {
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { offset?: unknown };
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through
  }
  throw new ValidationError('The NextToken provided is invalid.');
}
