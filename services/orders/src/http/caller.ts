import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import {
  bearerToken,
  DEFAULT_JWT_AUDIENCE,
  DEFAULT_JWT_ISSUER,
  InvalidTokenError,
  scopesOf,
  verifyDevToken,
} from '@mesh/bus';
import { Id } from '@mesh/contracts';
import { ForbiddenError, UnauthorizedError } from '../errors';

/** Who is calling: the customer is the token's subject; `admin` scope may act for any customer. */
export interface Caller {
  customerId: string;
  scopes: ReadonlySet<string>;
  isAdmin: boolean;
}

export const ADMIN_SCOPE = 'admin';

export type Claims = Record<string, string | number | boolean | string[]>;

/**
 * Offline only: the claims of a development token (HS256, `@mesh/bus`), as API Gateway's JWT authorizer
 * would have handed them over; a bad token is this service's {@link UnauthorizedError}.
 */
export function devTokenClaims(token: () => string, env: NodeJS.ProcessEnv): Claims {
  try {
    return verifyDevToken(token(), {
      issuer: env.JWT_ISSUER ?? DEFAULT_JWT_ISSUER,
      audience: env.JWT_AUDIENCE ?? DEFAULT_JWT_AUDIENCE,
    }) as unknown as Claims;
  } catch (error) {
    if (error instanceof InvalidTokenError) throw new UnauthorizedError(error.message);
    throw error;
  }
}

/**
 * The caller a set of verified claims names: the subject is the customer (a valid contracts Id), the
 * `admin` scope acts for anyone. Throws {@link UnauthorizedError} without a usable subject.
 */
export function callerOfClaims(claims: Claims | undefined): Caller {
  const sub = claims?.sub;
  if (typeof sub !== 'string' || sub === '') throw new UnauthorizedError('no authenticated subject');
  // The subject becomes the customer id of every event: it must be one the contracts accept.
  if (!Id.safeParse(sub).success) throw new UnauthorizedError('the token subject is not a valid customer id');
  const scopes = scopesOf(claims ?? {});
  return { customerId: sub, scopes, isAdmin: scopes.has(ADMIN_SCOPE) };
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
  return callerOfClaims(
    env.IS_OFFLINE === 'true'
      ? devTokenClaims(() => bearerToken(event.headers ?? {}), env)
      : event.requestContext?.authorizer?.jwt?.claims,
  );
}

/**
 * Lets the caller act on `customerId`'s data only if it is theirs or they are an admin.
 *
 * @example
 * assertMayActFor(caller, order.customerId); // throws ForbiddenError for another customer's order
 */
export function assertMayActFor(caller: Pick<Caller, 'customerId' | 'isAdmin'>, customerId: string): void {
  if (caller.customerId !== customerId && !caller.isAdmin) {
    throw new ForbiddenError(`${caller.customerId} may not act for customer ${customerId}`);
  }
}
