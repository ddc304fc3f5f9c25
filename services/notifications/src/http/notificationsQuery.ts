import type { ProblemFieldError } from '@mesh/bus';
import { Id } from '@mesh/contracts';
import { InvalidRequestError } from '../errors';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100;

/**
 * The query of `GET /notifications`: whose (the caller's own unless `customerId` says otherwise) and how
 * many (`limit`, 1 to 100, 50 by default). Throws {@link InvalidRequestError} pointing at every bad parameter.
 *
 * @example
 * notificationsQuery({ limit: '10' }, 'cus-1'); // { customerId: 'cus-1', limit: 10 }
 */
export function notificationsQuery(
  query: Record<string, string | undefined>,
  callerId: string,
): { customerId: string; limit: number } {
  const errors: ProblemFieldError[] = [];
  const customerId = query.customerId ?? callerId;
  if (!Id.safeParse(customerId).success) errors.push({ pointer: '/query/customerId', detail: 'must be a valid id' });
  const limit = query.limit === undefined ? DEFAULT_LIMIT : Number(query.limit);
  if (query.limit !== undefined && (!/^\d+$/.test(query.limit) || limit < 1 || limit > MAX_LIMIT)) {
    errors.push({ pointer: '/query/limit', detail: `must be an integer from 1 to ${MAX_LIMIT}` });
  }
  if (errors.length > 0) throw new InvalidRequestError(errors);
  return { customerId, limit };
}
