import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { InvalidTokenError, requestClaims, scopesOf, type Claims } from '@mesh/bus';
import { UnauthorizedError } from '../errors';

/** Who is calling: the token's subject, and whether it holds the `admin` scope. */
export interface Caller {
  customerId: string;
  isAdmin: boolean;
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
  let claims: Claims;
  try {
    claims = requestClaims(event, env);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw new UnauthorizedError(error.message);
    throw error;
  }
  const sub = claims.sub;
  if (typeof sub !== 'string' || sub === '') throw new UnauthorizedError('no authenticated subject');
  return { customerId: sub, isAdmin: scopesOf(claims).has('admin') };
}
