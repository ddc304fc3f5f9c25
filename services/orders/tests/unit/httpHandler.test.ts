import { signDevToken } from '@mesh/bus';
import { httpHandler } from '../../src/http/httpHandler';
import { bodyOf, httpEvent } from '../helpers/httpEvent';

const whoami = (env: NodeJS.ProcessEnv) =>
  httpHandler(async ({ caller }) => ({ statusCode: 200, body: { sub: caller.customerId, admin: caller.isAdmin } }), {
    env,
  });

const request = (headers: Record<string, string>, claims?: Record<string, string>) =>
  httpEvent({ method: 'GET', path: '/orders', route: '/orders', headers, ...(claims ? { claims } : {}) });

describe('httpHandler authentication', () => {
  const offline = { IS_OFFLINE: 'true', MESH_DEV_JWT_SECRET: 'unit-secret' };

  it("in AWS, trusts the authorizer's verified claims and reads the admin scope", async () => {
    const result = await whoami({})(request({}, { sub: 'cus-1', scope: 'orders:read admin' }));
    expect(bodyOf(result)).toEqual({ sub: 'cus-1', admin: true });
  });

  it('in AWS, never looks at a bearer token itself: no claims is 401 even with a dev token', async () => {
    const token = signDevToken({ sub: 'cus-1' });
    expect((await whoami({})(request({ authorization: `Bearer ${token}` }))).statusCode).toBe(401);
  });

  it('offline, verifies the bearer token with the development key', async () => {
    process.env.MESH_DEV_JWT_SECRET = 'unit-secret';
    try {
      const token = signDevToken({ sub: 'cus-7', scope: 'admin' });
      const result = await whoami(offline)(request({ authorization: `Bearer ${token}` }));
      expect(bodyOf(result)).toEqual({ sub: 'cus-7', admin: true });
    } finally {
      delete process.env.MESH_DEV_JWT_SECRET;
    }
  });

  it("offline, refuses unverified claims (serverless-offline's) and tokens signed with another key", async () => {
    const forged = signDevToken({ sub: 'cus-7' }, { secret: 'guess' });
    expect((await whoami(offline)(request({}, { sub: 'cus-7' }))).statusCode).toBe(401);
    expect((await whoami(offline)(request({ authorization: `Bearer ${forged}` }))).statusCode).toBe(401);
  });

  it('refuses a subject that cannot be a customer id of the contracts', async () => {
    expect((await whoami({})(request({}, { sub: 'auth0|123' }))).statusCode).toBe(401);
  });
});
