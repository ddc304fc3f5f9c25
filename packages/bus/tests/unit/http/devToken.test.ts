import { bearerToken, InvalidTokenError, signDevToken, verifyDevToken } from '../../../src/http';

const now = () => new Date('2026-11-25T10:00:00.000Z');
const later = (seconds: number) => () => new Date(now().getTime() + seconds * 1000);
const secret = 'test-secret';

describe('development tokens', () => {
  it('verifies what it signs, with subject and scope', () => {
    const token = signDevToken({ sub: 'mem-1', scope: 'admin', ttlSeconds: 60 }, { secret, now });
    expect(verifyDevToken(token, { secret, now })).toMatchObject({ sub: 'mem-1', scope: 'admin' });
  });

  it.each([
    ['a token signed with another key', () => signDevToken({ sub: 'mem-1' }, { secret: 'other', now }), {}],
    ['an expired token', () => signDevToken({ sub: 'mem-1', ttlSeconds: 60 }, { secret, now }), { now: later(61) }],
    ['another issuer', () => signDevToken({ sub: 'mem-1' }, { secret, now, issuer: 'https://evil/' }), {}],
    ['another audience', () => signDevToken({ sub: 'mem-1' }, { secret, now, audience: 'billing' }), {}],
    ['garbage', () => 'not.a.jwt', {}],
    ['two parts', () => 'abc.def', {}],
  ])('refuses %s', (_name, mint, options) => {
    expect(() => verifyDevToken(mint(), { secret, now, ...options })).toThrow(InvalidTokenError);
  });

  it('refuses a token whose payload was changed after signing', () => {
    const [header, , signature] = signDevToken({ sub: 'mem-1' }, { secret, now }).split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'mem-2', scope: 'admin', exp: 9e9 })).toString('base64url');
    expect(() => verifyDevToken(`${header}.${forged}.${signature}`, { secret, now })).toThrow('bad token signature');
  });

  it("refuses alg 'none' whatever the signature", () => {
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const token = `${part({ alg: 'none' })}.${part({ sub: 'mem-1', exp: 9e9 })}.`;
    expect(() => verifyDevToken(token, { secret, now })).toThrow('HS256');
  });
});

describe('bearer tokens', () => {
  it('reads the token of an Authorization header, whatever its case', () => {
    expect(bearerToken({ authorization: 'Bearer abc.def.ghi' })).toBe('abc.def.ghi');
    expect(bearerToken({ Authorization: 'bearer abc.def.ghi' })).toBe('abc.def.ghi');
  });

  it.each([{}, { authorization: 'Basic dXNlcjpwdw==' }, { authorization: 'Bearer' }])(
    'refuses a request without one (%j)',
    (headers) => {
      expect(() => bearerToken(headers)).toThrow(InvalidTokenError);
    },
  );
});
