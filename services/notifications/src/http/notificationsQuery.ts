import { Id } from '@mesh/contracts';
import { InvalidRequestError } from '../errors';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100;

/**
 * The query of `GET /notifications`: whose (the caller's own unless `customerId` says otherwise) and how
 * many (`limit`, 1 to 100, 50 by default). Throws {@link InvalidRequestError} naming the bad parameter.
 *
 * @example
 * notificationsQuery({ limit: '10' }, 'cus-1'); // { customerId: 'cus-1', limit: 10 }
 */
export function notificationsQuery(
  query: Record<string, string | undefined>,
  callerId: string,
): { customerId: string; limit: number } {
  const customerId = query.customerId ?? callerId;
  if (!Id.safeParse(customerId).success) throw new InvalidRequestError('customerId', 'must be a valid id');
  if (query.limit === undefined) return { customerId, limit: DEFAULT_LIMIT };
  const limit = Number(query.limit);
  if (!/^\d+$/.test(query.limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new InvalidRequestError('limit', `must be an integer from 1 to ${MAX_LIMIT}`);
  }
  return { customerId, limit };
}
