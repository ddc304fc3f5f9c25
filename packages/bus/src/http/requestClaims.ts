import { bearerToken } from './bearerToken';
import { DEFAULT_JWT_AUDIENCE, DEFAULT_JWT_ISSUER, verifyDevToken } from './devToken';
import { InvalidTokenError } from './errors';

/** The claims of a verified token, as API Gateway hands them to a handler. */
export type Claims = Record<string, unknown>;

/** The parts of an HTTP API (v2) event the caller is read from. */
export interface JwtRequest {
  headers?: Record<string, string | undefined>;
  requestContext?: { authorizer?: { jwt?: { claims?: Claims } } };
}

/**
 * The verified claims of the caller of an HTTP API request. On AWS the API's JWT authorizer has verified
 * the token and its claims are in `requestContext.authorizer.jwt.claims`. Offline (`IS_OFFLINE`, where
 * serverless-offline skips signatures) the bearer token is verified here as a development token — a path
 * that never runs on AWS, so a development token is worthless there. Throws {@link InvalidTokenError}.
 *
 * @example
 * const claims = requestClaims(event); // { sub: 'cus-1', scope: 'admin', ... }
 */
export function requestClaims(event: JwtRequest, env: NodeJS.ProcessEnv = process.env): Claims {
  if (env.IS_OFFLINE === 'true') {
    return verifyDevToken(bearerToken(event.headers ?? {}), {
      issuer: env.JWT_ISSUER ?? DEFAULT_JWT_ISSUER,
      audience: env.JWT_AUDIENCE ?? DEFAULT_JWT_AUDIENCE,
    }) as unknown as Claims;
  }
  const claims = event.requestContext?.authorizer?.jwt?.claims;
  if (!claims || typeof claims !== 'object') throw new InvalidTokenError('no verified token claims');
  return claims;
}

/**
 * The scopes of a token's `scope` (or `scp`) claim: OAuth writes "a b"; API Gateway hands a list claim
 * over flattened as "[a b]"; both are read.
 *
 * @example
 * scopesOf({ scope: 'loans:read admin' }).has('admin'); // true
 */
export function scopesOf(claims: Claims): Set<string> {
  const raw = claims.scope ?? claims.scp ?? '';
  // A claim of another shape (an object, say) grants no scope: never a crash on a strange token.
  const text = (value: unknown) =>
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
  const list = Array.isArray(raw)
    ? raw.map(text)
    : text(raw)
        .replace(/^\[|\]$/g, '')
        .split(/[\s,]+/);
  return new Set(list.filter(Boolean));
}
