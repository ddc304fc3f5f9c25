import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { bearerToken, DEFAULT_JWT_AUDIENCE, DEFAULT_JWT_ISSUER, InvalidTokenError, verifyDevToken } from '@mesh/bus';
import { UnauthorizedError } from '../errors';

/** Who is calling: the token's subject, and whether it holds the `admin` scope. */
export interface Caller {
  customerId: string;
  isAdmin: boolean;
}

// API Gateway hands a list claim over as "[a b]"; OAuth writes scope as "a b".
const scopesOf = (claim: unknown) =>
  (Array.isArray(claim)
    ? claim.map(String)
    : String(claim ?? '')
        .replace(/^\[|\]$/g, '')
        .split(/[\s,]+/)
  ).filter(Boolean);

function offlineClaims(event: APIGatewayProxyEventV2WithJWTAuthorizer, env: NodeJS.ProcessEnv) {
  try {
    return verifyDevToken(bearerToken(event.headers ?? {}), {
      issuer: env.JWT_ISSUER ?? DEFAULT_JWT_ISSUER,
      audience: env.JWT_AUDIENCE ?? DEFAULT_JWT_AUDIENCE,
    }) as unknown as Record<string, unknown>;
  } catch (error) {
    if (error instanceof InvalidTokenError) throw new UnauthorizedError(error.message);
    throw error;
  }
}

/**
 * The caller of a request. In AWS the HTTP API's JWT authorizer has verified the token and hands over its
 * claims; offline (`IS_OFFLINE`: serverless-offline skips signatures) the bearer token is verified here as
 * a development token (`@mesh/bus`), a path that never runs in AWS.
 *
 * @example
 * const caller = callerOf(event); // { customerId: 'cus-1', isAdmin: false }
 */
export function callerOf(event: APIGatewayProxyEventV2WithJWTAuthorizer, env = process.env): Caller {
  const claims: Record<string, unknown> | undefined =
    env.IS_OFFLINE === 'true' ? offlineClaims(event, env) : event.requestContext?.authorizer?.jwt?.claims;
  const sub = claims?.sub;
  if (typeof sub !== 'string' || sub === '') throw new UnauthorizedError('no authenticated subject');
  return { customerId: sub, isAdmin: scopesOf(claims?.scope ?? claims?.scp).includes('admin') };
}
