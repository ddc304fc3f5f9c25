import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { tokenAuthorizer, UNAUTHORIZED } from '../../src/websocket/tokenAuthorizer';

const issuer = 'https://auth.test.example.com/';
const audience = 'mesh-api';
const methodArn = 'arn:aws:execute-api:us-east-1:123456789012:abc123/dev/$connect';

let signingKey: KeyLike;
let otherKey: KeyLike;
let jwks: { keys: JWK[] };

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  signingKey = pair.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] };
});

function token(claims: Record<string, unknown>, options: { key?: KeyLike; expiresIn?: string } = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(String(claims.iss ?? issuer))
    .setAudience(String(claims.aud ?? audience))
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '5m')
    .sign(options.key ?? signingKey);
}

function authorizer(denied: string[] = []) {
  return tokenAuthorizer({ issuer, audience, keys: createLocalJWKSet(jwks), onDenied: (r) => denied.push(r) });
}

describe('the WebSocket $connect token authorizer', () => {
  it("allows a token signed by the issuer's key, handing the subject and scopes to the handler", async () => {
    const authorize = authorizer();
    const result = await authorize({
      methodArn,
      queryStringParameters: { token: await token({ sub: 'cus-1', scope: 'orders:read admin' }) },
    });
    expect(result).toEqual({
      principalId: 'cus-1',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: methodArn }],
      },
      context: { sub: 'cus-1', scope: 'orders:read admin' },
    });
  });

  it.each([
    ['no token', async () => undefined, /missing token/],
    ['a token signed by another key', async () => token({ sub: 'cus-1' }, { key: otherKey }), /signature/i],
    ['a token of another issuer', async () => token({ sub: 'cus-1', iss: 'https://evil.example.com/' }), /iss/],
    ['a token for another audience', async () => token({ sub: 'cus-1', aud: 'other-api' }), /aud/],
    ['an expired token', async () => token({ sub: 'cus-1' }, { expiresIn: '-1m' }), /exp/],
    ['a token without a subject', async () => token({ scope: 'admin' }), /no subject/],
    ['garbage', async () => 'not.a.jwt', /JWS|JWT|Invalid/i],
  ])('refuses %s with Unauthorized (API Gateway answers 401) and logs why', async (_, make, reason) => {
    const denied: string[] = [];
    const value = await make();
    await expect(
      authorizer(denied)({ methodArn, queryStringParameters: value === undefined ? {} : { token: value } }),
    ).rejects.toThrow(new Error(UNAUTHORIZED));
    expect(denied).toEqual([expect.stringMatching(reason)]);
  });

  describe("with the issuer's published keys (JWKS over HTTP)", () => {
    let server: Server;
    let base: string;
    let fetches = 0;

    beforeAll(async () => {
      server = createServer((request, response) => {
        if (request.url !== '/issuer/.well-known/jwks.json') return void response.writeHead(404).end();
        fetches += 1;
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/issuer`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('fetches <issuer>/.well-known/jwks.json once and verifies against it', async () => {
      const authorize = tokenAuthorizer({ issuer: `${base}/`, audience });
      for (const sub of ['cus-a', 'cus-b']) {
        const result = await authorize({
          methodArn,
          queryStringParameters: { token: await token({ sub, iss: `${base}/` }) },
        });
        expect(result.context.sub).toBe(sub);
      }
      expect(fetches).toBe(1);
    });
  });

  it('refuses, at cold start, an issuer it could not find keys for', () => {
    expect(() => tokenAuthorizer({ issuer: '', audience })).toThrow(/http\(s\) URL/);
  });
});
