import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { scopesOf } from '@mesh/bus';

/** What API Gateway hands a WebSocket `$connect` REQUEST authorizer (the fields this one reads). */
export interface ConnectAuthorizerEvent {
  methodArn: string;
  queryStringParameters?: Record<string, string | undefined> | null;
}

/** A REQUEST authorizer's answer: an IAM policy allowing the `$connect` route, and the caller for the handler. */
export interface AuthorizerResult {
  principalId: string;
  policyDocument: {
    Version: '2012-10-17';
    Statement: [{ Action: 'execute-api:Invoke'; Effect: 'Allow'; Resource: string }];
  };
  context: { sub: string; scope: string };
}

/** API Gateway answers 401 when a Lambda authorizer fails with exactly this message (AWS's documented way). */
export const UNAUTHORIZED = 'Unauthorized';

export interface TokenAuthorizerOptions {
  issuer: string;
  audience: string;
  /** Where the issuer's signing keys are: `<issuer>/.well-known/jwks.json` by default (Cognito, Auth0, …). */
  keys?: JWTVerifyGetKey;
  /** Told why a connection was denied (a bad token, or the keys could not be fetched), for the logs. */
  onDenied?: (reason: string) => void;
}

/**
 * The `$connect` authorizer: browsers cannot set headers on a WebSocket, so the JWT arrives in the `token`
 * query string parameter. It is verified as API Gateway's JWT authorizer verifies the REST routes' tokens
 * (signature by the issuer's published keys, `iss`, `aud`, `exp`); the answer allows the connection with the
 * caller (`sub`, `scope`) as context, which `connectionCallerOf` reads. A missing or bad token fails with
 * `Unauthorized`, which API Gateway turns into 401 (as the handler answers offline), the reason logged.
 *
 * @example
 * const authorize = tokenAuthorizer({ issuer: 'https://cognito-idp…/pool', audience: 'orders' });
 * await authorize({ methodArn, queryStringParameters: { token } }); // Allow, with context { sub, scope }
 */
export function tokenAuthorizer(options: TokenAuthorizerOptions) {
  const issuer = options.issuer.replace(/\/+$/, '');
  if (!options.keys && !/^https?:\/\/./.test(issuer)) {
    throw new TypeError(`the JWT issuer must be an http(s) URL to find its keys, got "${options.issuer}"`);
  }
  const keys = options.keys ?? createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
  return async function authorize(event: ConnectAuthorizerEvent): Promise<AuthorizerResult> {
    const deny = (reason: string): never => {
      options.onDenied?.(reason);
      throw new Error(UNAUTHORIZED);
    };
    const token = event.queryStringParameters?.token;
    if (!token) return deny('missing token query string parameter');
    let sub: unknown;
    let scope: string;
    try {
      const { payload } = await jwtVerify(token, keys, { issuer: options.issuer, audience: options.audience });
      sub = payload.sub;
      scope = [...scopesOf(payload as Record<string, unknown>)].join(' ');
    } catch (error) {
      const { name, message } = error as Error;
      return deny(`${name}: ${message}`);
    }
    if (typeof sub !== 'string' || sub === '') return deny('the token has no subject');
    return {
      principalId: sub,
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }],
      },
      context: { sub, scope },
    };
  };
}
