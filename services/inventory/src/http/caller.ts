import { InvalidTokenError, requestClaims, scopesOf, type Claims } from '@mesh/bus';
import { ForbiddenError, UnauthenticatedError } from '../errors';
import type { HttpEvent } from './httpHandler';

/**
 * The verified claims of the caller ({@link requestClaims}: the JWT authorizer's on AWS, the development
 * token's offline), or {@link UnauthenticatedError}. With `scope`, also requires that scope
 * ({@link ForbiddenError} otherwise): the authorizer checks it at the gateway, and checking again here
 * keeps the rule offline.
 */
export function requireCaller(event: HttpEvent, scope?: string, env = process.env): Claims {
  let claims: Claims;
  try {
    claims = requestClaims(event, env);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw new UnauthenticatedError();
    throw error;
  }
  if (scope && !scopesOf(claims).has(scope)) throw new ForbiddenError(scope);
  return claims;
}
