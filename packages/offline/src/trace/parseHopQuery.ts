import { HopQueryError } from './errors';
import { isHopKind, HOP_KINDS } from './hopKinds';
import type { HopQuery } from './types';

const TEXT_FIELDS = ['correlationId', 'eventId', 'messageId'] as const;
const KNOWN = [...TEXT_FIELDS, 'kind', 'since', 'limit'];

function wholeNumber(name: string, raw: string, min: number): number {
  if (!/^\d+$/.test(raw) || Number(raw) < min || !Number.isSafeInteger(Number(raw))) {
    throw new HopQueryError(`${name} must be a whole number >= ${min}, not "${raw}"`);
  }
  return Number(raw);
}

/**
 * Reads the query string of `GET /_mesh/hops` (and `since` of `/_mesh/stream`) into a {@link HopQuery}: each
 * parameter at most once, `kind` one of the hop kinds, `since` a whole number >= 0, `limit` one >= 1 (at most
 * `maxLimit`). Anything else throws {@link HopQueryError}, whose message says what is wrong.
 *
 * @example
 * parseHopQuery(new URLSearchParams('correlationId=c-1&kind=failed&limit=50'), 50_000);
 * // → { correlationId: 'c-1', kind: 'failed', limit: 50 }
 */
export function parseHopQuery(params: URLSearchParams, maxLimit: number, allowed: readonly string[] = KNOWN): HopQuery {
  const query: HopQuery = {};
  for (const name of new Set(params.keys())) {
    if (!allowed.includes(name)) {
      throw new HopQueryError(`unknown query parameter "${name}"; the parameters are ${allowed.join(', ')}`);
    }
    const values = params.getAll(name);
    if (values.length > 1) throw new HopQueryError(`${name} is given ${values.length} times; give it once`);
    const raw = values[0]!;
    if ((TEXT_FIELDS as readonly string[]).includes(name)) {
      if (raw === '') throw new HopQueryError(`${name} is empty`);
      query[name as (typeof TEXT_FIELDS)[number]] = raw;
    } else if (name === 'kind') {
      if (!isHopKind(raw)) throw new HopQueryError(`kind must be one of ${HOP_KINDS.join(', ')}, not "${raw}"`);
      query.kind = raw;
    } else if (name === 'since') {
      query.since = wholeNumber('since', raw, 0);
    } else if (name === 'limit') {
      query.limit = wholeNumber('limit', raw, 1);
      if (query.limit > maxLimit) throw new HopQueryError(`limit must be at most ${maxLimit}, not ${raw}`);
    }
  }
  return query;
}
