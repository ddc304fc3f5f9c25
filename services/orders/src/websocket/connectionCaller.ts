import { callerOfClaims, devTokenClaims, type Caller, type Claims } from '../http/caller';
import { UnauthorizedError } from '../errors';
import type { SocketEvent } from './socketEvent';

/**
 * Who opens a WebSocket connection. Browsers cannot set headers on a WebSocket, so the JWT comes in the
 * `token` query string parameter, under the same rules as the REST routes' `Authorization` header:
 *
 * - Offline (`IS_OFFLINE`): the token is verified here as a development token (HS256, `@mesh/bus`).
 * - In AWS: the `$connect` route's Lambda REQUEST authorizer (wsAuthorize, `tokenAuthorizer`) has verified it
 *   against the issuer's keys, and its context names the caller (`sub`, or the principal id, and `scope`).
 *   Without that context the connection is refused: the service never trusts an unverified token.
 *
 * @example
 * const caller = connectionCallerOf(event); // { customerId: 'cus-1', isAdmin: false, scopes: Set {} }
 */
export function connectionCallerOf(event: SocketEvent, env = process.env): Caller {
  if (env.IS_OFFLINE === 'true') {
    const token = event.queryStringParameters?.token;
    return callerOfClaims(
      devTokenClaims(() => {
        if (!token) throw new UnauthorizedError('missing token query string parameter');
        return token;
      }, env),
    );
  }
  const context = event.requestContext.authorizer;
  if (!context) throw new UnauthorizedError('no WebSocket authorizer verified a token');
  const sub = context.sub ?? context.principalId;
  return callerOfClaims({
    ...(typeof sub === 'string' ? { sub } : {}),
    ...(typeof context.scope === 'string' ? { scope: context.scope } : {}),
  } satisfies Claims);
}
