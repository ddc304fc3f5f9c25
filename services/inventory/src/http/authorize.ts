import { ForbiddenError, UnauthenticatedError } from '../errors';
import type { ApiEvent } from './apiHandler';

/**
 * The scopes of a JWT's `scope` claim. API Gateway passes a space-separated string, or an array flattened
 * to `"[a b]"`; both are read.
 */
export function scopesOf(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.map(String);
  if (typeof claim !== 'string') return [];
  return claim
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}

/**
 * The verified claims of the caller, from the HTTP API JWT authorizer, or {@link UnauthenticatedError}.
 * With `scope`, also requires that scope ({@link ForbiddenError} otherwise). The authorizer already checks
 * it at the gateway; checking again here keeps the rule when the route runs without one (offline).
 */
export function requireCaller(event: ApiEvent, scope?: string): Record<string, unknown> {
  const claims = (event.requestContext as Partial<ApiEvent['requestContext']>).authorizer?.jwt?.claims;
  if (!claims || typeof claims !== 'object') throw new UnauthenticatedError();
  if (scope && !scopesOf(claims.scope).includes(scope)) throw new ForbiddenError(scope);
  return claims;
}
