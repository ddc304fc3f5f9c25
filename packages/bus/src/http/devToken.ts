import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidTokenError } from './errors';

/**
 * Offline only: the secret that signs and verifies development tokens (HS256). Override it with
 * `MESH_DEV_JWT_SECRET`. It is never trusted in AWS, where API Gateway's JWT authorizer verifies tokens
 * against the issuer's keys before a handler runs.
 */
export const DEV_JWT_SECRET = 'mesh-dev-secret-not-for-aws';

/** The issuer and audience the API's JWT authorizer expects unless the stage's params say otherwise. */
export const DEFAULT_JWT_ISSUER = 'https://auth.mesh.example.com/';
export const DEFAULT_JWT_AUDIENCE = 'mesh-api';

/** The claims the mesh's APIs read. `scope` is space-separated, as OAuth 2 writes it. */
export interface TokenClaims {
  sub: string;
  scope?: string;
  iss: string;
  aud: string;
  iat: number;
  exp: number;
}

export interface DevTokenOptions {
  secret?: string;
  issuer?: string;
  audience?: string;
  now?: () => Date;
}

const HEADER = { alg: 'HS256', typ: 'JWT' };
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const sign = (input: string, secret: string) => createHmac('sha256', secret).update(input).digest();
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

function secretOf(options: DevTokenOptions): string {
  return options.secret ?? process.env.MESH_DEV_JWT_SECRET ?? DEV_JWT_SECRET;
}

/**
 * Mints a development JWT (HS256) for the offline API.
 *
 * @example
 * const token = signDevToken({ sub: 'cus-1', scope: 'admin', ttlSeconds: 3600 });
 * // curl -H "authorization: Bearer $token" http://127.0.0.1:3000/loans/loans
 */
export function signDevToken(
  claims: { sub: string; scope?: string; ttlSeconds?: number },
  options: DevTokenOptions = {},
): string {
  const iat = seconds((options.now ?? (() => new Date()))());
  const payload: TokenClaims = {
    sub: claims.sub,
    ...(claims.scope ? { scope: claims.scope } : {}),
    iss: options.issuer ?? DEFAULT_JWT_ISSUER,
    aud: options.audience ?? DEFAULT_JWT_AUDIENCE,
    iat,
    exp: iat + (claims.ttlSeconds ?? 3600),
  };
  const unsigned = `${encode(HEADER)}.${encode(payload)}`;
  return `${unsigned}.${sign(unsigned, secretOf(options)).toString('base64url')}`;
}

function decode(part: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through: reported as a malformed token below
  }
  throw new InvalidTokenError('malformed token');
}

/**
 * Verifies a development JWT as the API's authorizer would: HS256 signature (constant-time), expiry,
 * issuer, audience and subject. Throws {@link InvalidTokenError} saying what is wrong.
 *
 * @example
 * const claims = verifyDevToken(bearerToken); // { sub: 'cus-1', scope: 'admin', ... }
 */
export function verifyDevToken(token: string, options: DevTokenOptions = {}): TokenClaims {
  const parts = token.split('.');
  if (parts.length !== 3) throw new InvalidTokenError('malformed token');
  const [header, payload, signature] = parts as [string, string, string];
  // The algorithm is pinned, never taken from the token: `alg: none` or a swapped algorithm is refused.
  if (decode(header).alg !== 'HS256') throw new InvalidTokenError('token algorithm must be HS256');
  const expected = sign(`${header}.${payload}`, secretOf(options));
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new InvalidTokenError('bad token signature');
  }
  const claims = decode(payload);
  const now = seconds((options.now ?? (() => new Date()))());
  if (typeof claims.exp !== 'number' || claims.exp <= now) throw new InvalidTokenError('token expired');
  if (typeof claims.nbf === 'number' && claims.nbf > now) throw new InvalidTokenError('token not yet valid');
  if (claims.iss !== (options.issuer ?? DEFAULT_JWT_ISSUER)) throw new InvalidTokenError('wrong token issuer');
  const audience = options.audience ?? DEFAULT_JWT_AUDIENCE;
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.includes(audience)) throw new InvalidTokenError('wrong token audience');
  if (typeof claims.sub !== 'string' || claims.sub === '') throw new InvalidTokenError('token has no subject');
  return claims as unknown as TokenClaims;
}
