import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { signDevToken } from '@mesh/bus';
import { problemOf } from '@mesh/testing';
import { listNotificationsHandler } from '../../src/functions/listNotifications/handler';

const logger = { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() } as never;

function request(options: {
  claims?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
}) {
  return {
    version: '2.0',
    routeKey: 'GET /notifications',
    rawPath: '/notifications',
    headers: options.headers ?? {},
    ...(options.query ? { queryStringParameters: options.query } : {}),
    requestContext: {
      requestId: 'req-1',
      authorizer: { jwt: { claims: options.claims ?? {}, scopes: [] } },
    },
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}
const bodyOf = (result: { body?: string }) => JSON.parse(result.body ?? 'null') as Record<string, unknown>;

describe('GET /notifications', () => {
  const list = jest.fn(async (customerId: string, limit: number) => [
    {
      customerId,
      orderId: 'ord-1',
      eventId: 'evt-1',
      kind: 'ORDER_PLACED' as const,
      message: `${limit}`,
      occurredAt: 'x',
    },
  ]);
  const handler = listNotificationsHandler({ notifications: { latestOf: list }, logger, env: {} as NodeJS.ProcessEnv });
  beforeEach(() => list.mockClear());

  it("answers the caller's own notifications, 50 by default", async () => {
    const result = await handler(request({ claims: { sub: 'cus-1' } }));
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toMatchObject({ customerId: 'cus-1', notifications: [{ orderId: 'ord-1' }] });
    expect(list).toHaveBeenCalledWith('cus-1', 50);
  });

  it('reads as many as the limit asks, and the caller’s own when customerId is theirs', async () => {
    await handler(request({ claims: { sub: 'cus-1' }, query: { customerId: 'cus-1', limit: '100' } }));
    expect(list).toHaveBeenCalledWith('cus-1', 100);
  });

  it("answers 403 to another customer's notifications, reading nothing", async () => {
    const result = await handler(request({ claims: { sub: 'cus-1' }, query: { customerId: 'cus-2' } }));
    expect(result.statusCode).toBe(403);
    expect(problemOf(result)).toEqual({
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
      detail: 'the caller may not read these notifications',
    });
    expect(list).not.toHaveBeenCalled();
  });

  it("lets an admin read any customer's", async () => {
    const result = await handler(request({ claims: { sub: 'ops-1', scope: 'admin' }, query: { customerId: 'cus-2' } }));
    expect(result.statusCode).toBe(200);
    expect(list).toHaveBeenCalledWith('cus-2', 50);
  });

  it.each(['0', '101', '2.5', 'ten', '-1', ''])('answers 400 with the reason to limit=%j', async (limit) => {
    const result = await handler(request({ claims: { sub: 'cus-1' }, query: { limit } }));
    expect(result.statusCode).toBe(400);
    expect(problemOf(result)).toEqual({
      type: 'urn:mesh:problem:invalid-request',
      title: 'The request is invalid',
      status: 400,
      detail: '/query/limit: must be an integer from 1 to 100',
      errors: [{ pointer: '/query/limit', detail: 'must be an integer from 1 to 100' }],
    });
    expect(list).not.toHaveBeenCalled();
  });

  it('answers 401 without an authenticated subject', async () => {
    const result = await handler(request({}));
    expect(result.statusCode).toBe(401);
    expect(result.headers).toMatchObject({ 'www-authenticate': 'Bearer' });
    expect(problemOf(result)).toMatchObject({ type: 'about:blank', title: 'Unauthorized', status: 401 });
  });

  it('points at every bad parameter at once', async () => {
    const result = await handler(request({ claims: { sub: 'cus-1' }, query: { customerId: 'not an id', limit: '0' } }));
    expect(problemOf(result).errors).toEqual([
      { pointer: '/query/customerId', detail: 'must be a valid id' },
      { pointer: '/query/limit', detail: 'must be an integer from 1 to 100' },
    ]);
  });

  describe('offline', () => {
    const offline = listNotificationsHandler({
      notifications: { latestOf: list },
      logger,
      env: { IS_OFFLINE: 'true' } as never,
    });
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

    it('verifies the development token itself and reads its subject', async () => {
      const result = await offline(request({ headers: bearer(signDevToken({ sub: 'cus-3' })) }));
      expect(result.statusCode).toBe(200);
      expect(list).toHaveBeenCalledWith('cus-3', 50);
    });

    it('answers 401 to a token signed with another key, whatever claims it carries', async () => {
      const forged = signDevToken({ sub: 'cus-3', scope: 'admin' }, { secret: 'guessed' });
      const result = await offline(request({ headers: bearer(forged), claims: { sub: 'cus-3' } }));
      expect(result.statusCode).toBe(401);
      expect(list).not.toHaveBeenCalled();
    });
  });
});
