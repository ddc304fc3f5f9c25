import { InvalidTokenError } from './errors';

/**
 * The token of an `Authorization: Bearer <token>` header (any case of the header's name), or
 * {@link InvalidTokenError} when there is none.
 *
 * @example
 * const claims = verifyDevToken(bearerToken(event.headers ?? {}));
 */
export function bearerToken(headers: Record<string, string | undefined>): string {
  const header = headers.authorization ?? headers.Authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match) throw new InvalidTokenError('missing bearer token');
  return match[1]!;
}
