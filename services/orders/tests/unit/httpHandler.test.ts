import { problemOf } from '@mesh/testing';
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

describe('httpHandler correlation and trace', () => {
  const HEADER = 'Root=1-6745a1b2-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1';
  const LAMBDA_HEADER = 'Root=1-6745a1b2-fedcba9876543210fedcba98;Parent=1111111111111111;Sampled=1';
  const traceOf = async (headers: Record<string, string>) => {
    let seen: unknown;
    const handler = httpHandler(
      async ({ trace }) => {
        seen = trace;
        return { statusCode: 200, body: {} };
      },
      { env: {} },
    );
    const result = await handler(request(headers, { sub: 'cus-1' }));
    return { result, trace: seen };
  };

  it("gives the route a trace: the correlation id, the request as cause, and the caller's X-Ray header offline", async () => {
    const { result, trace } = await traceOf({ 'x-correlation-id': 'cor-7', 'x-amzn-trace-id': HEADER });
    expect(result.headers).toMatchObject({ 'x-correlation-id': 'cor-7' });
    expect(trace).toEqual({ correlationId: 'cor-7', causationId: 'Req1Abc_', traceHeader: HEADER });
  });

  it("prefers the Lambda invocation's trace header, and ignores one X-Ray could not read", async () => {
    process.env._X_AMZN_TRACE_ID = LAMBDA_HEADER;
    try {
      expect((await traceOf({ 'x-amzn-trace-id': HEADER })).trace).toMatchObject({ traceHeader: LAMBDA_HEADER });
    } finally {
      delete process.env._X_AMZN_TRACE_ID;
    }
    expect((await traceOf({ 'x-amzn-trace-id': 'Root=nonsense' })).trace).not.toHaveProperty('traceHeader');
  });

  it('refuses a malformed x-correlation-id with 400 before anything else, answering with a new id', async () => {
    const { result, trace } = await traceOf({ 'x-correlation-id': 'a'.repeat(129) });
    expect(result.statusCode).toBe(400);
    expect(problemOf(result)).toMatchObject({
      type: 'urn:mesh:problem:invalid-request',
      status: 400,
      errors: [{ pointer: '/headers/x-correlation-id', detail: expect.any(String) }],
    });
    expect(result.headers?.['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(trace).toBeUndefined();
  });
});
