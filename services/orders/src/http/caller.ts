import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { Id } from '@mesh/contracts';
import { DEFAULT_JWT_AUDIENCE, DEFAULT_JWT_ISSUER, verifyDevToken } from '../auth/devToken';
import { ForbiddenError, UnauthorizedError } from '../errors';

/** Who is calling: the customer is the token's subject; `admin` scope may act for any customer. */
export interface Caller {
  customerId: string;
  scopes: ReadonlySet<string>;
  isAdmin: boolean;
}

export const ADMIN_SCOPE = 'admin';

type Claims = Record<string, string | number | boolean | string[]>;

// API Gateway hands claims over as strings; a list claim arrives as "[a b]" and OAuth's scope as "a b".
function scopesOf(claims: Claims): Set<string> {
  const raw = claims.scope ?? claims.scp ?? '';
  const list = Array.isArray(raw)
    ? raw
    : String(raw)
        .replace(/^\[|\]$/g, '')
        .split(/[\s,]+/);
  return new Set(list.filter(Boolean));
}

function bearerToken(headers: Record<string, string | undefined>): string {
  const header = headers.authorization ?? headers.Authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match) throw new UnauthorizedError('missing bearer token');
  return match[1]!;
}

/**
 * The caller of a request. In AWS, API Gateway's JWT authorizer has verified the token, and its claims
 * are in `requestContext.authorizer.jwt.claims`. Offline (`IS_OFFLINE`, set by serverless-offline, which
 * may not check signatures) the bearer token is verified here with the development key instead — that
 * path never runs in AWS, so a development token is worthless there.
 *
 * @example
 * const caller = callerOf(event); // { customerId: 'cus-1', isAdmin: false, scopes: Set {} }
 */
export function callerOf(event: APIGatewayProxyEventV2WithJWTAuthorizer, env = process.env): Caller {
  const claims: Claims | undefined =
    env.IS_OFFLINE === 'true'
      ? (verifyDevToken(bearerToken(event.headers ?? {}), {
          issuer: env.JWT_ISSUER ?? DEFAULT_JWT_ISSUER,
          audience: env.JWT_AUDIENCE ?? DEFAULT_JWT_AUDIENCE,
        }) as unknown as Claims)
      : event.requestContext?.authorizer?.jwt?.claims;
  const sub = claims?.sub;
  if (typeof sub !== 'string' || sub === '') throw new UnauthorizedError('no authenticated subject');
  // The subject becomes the customer id of every event: it must be one the contracts accept.
  if (!Id.safeParse(sub).success) throw new UnauthorizedError('the token subject is not a valid customer id');
  const scopes = scopesOf(claims ?? {});
  return { customerId: sub, scopes, isAdmin: scopes.has(ADMIN_SCOPE) };
}

/**
 * Lets the caller act on `customerId`'s data only if it is theirs or they are an admin.
 *
 * @example
 * assertMayActFor(caller, order.customerId); // throws ForbiddenError for another customer's order
 */
export function assertMayActFor(caller: Caller, customerId: string): void {
  if (caller.customerId !== customerId && !caller.isAdmin) {
    throw new ForbiddenError(`${caller.customerId} may not act for customer ${customerId}`);
  }
}
