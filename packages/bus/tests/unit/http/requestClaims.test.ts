import { InvalidTokenError, requestClaims, scopesOf, signDevToken } from '../../../src';

describe('requestClaims', () => {
  const offline = { IS_OFFLINE: 'true' } as NodeJS.ProcessEnv;

  it('takes the JWT authorizer claims on AWS', () => {
    const event = { requestContext: { authorizer: { jwt: { claims: { sub: 'cus-1' } } } } };
    expect(requestClaims(event, {})).toEqual({ sub: 'cus-1' });
    expect(() => requestClaims({}, {})).toThrow(InvalidTokenError);
  });

  it('verifies the development token offline, ignoring unverified claims', () => {
    const token = signDevToken({ sub: 'cus-2', scope: 'admin' });
    const forgedClaims = { requestContext: { authorizer: { jwt: { claims: { sub: 'someone-else' } } } } };
    expect(requestClaims({ ...forgedClaims, headers: { authorization: `Bearer ${token}` } }, offline)).toMatchObject({
      sub: 'cus-2',
      scope: 'admin',
    });
    const tampered = `${token.slice(0, -2)}xx`;
    expect(() => requestClaims({ ...forgedClaims, headers: { authorization: `Bearer ${tampered}` } }, offline)).toThrow(
      InvalidTokenError,
    );
    expect(() => requestClaims(forgedClaims, offline)).toThrow(/missing bearer token/);
  });
});

describe('scopesOf', () => {
  it('reads OAuth scope strings, API Gateway flattened lists and arrays', () => {
    expect([...scopesOf({ scope: 'a admin' })]).toEqual(['a', 'admin']);
    expect([...scopesOf({ scope: '[a admin]' })]).toEqual(['a', 'admin']);
    expect([...scopesOf({ scp: ['x'] })]).toEqual(['x']);
    expect(scopesOf({}).size).toBe(0);
  });

  it('grants no scope from a claim of another shape, instead of throwing (found by fuzzing)', () => {
    const strange = { scope: { toString: {} }, scp: [{ toString: {} }, 'ok'] } as unknown as Record<string, unknown>;
    expect(scopesOf(strange as never).size).toBe(0);
    expect([...scopesOf({ scp: [{ toString: {} }, 'ok'] } as never)]).toEqual(['ok']);
  });
});
