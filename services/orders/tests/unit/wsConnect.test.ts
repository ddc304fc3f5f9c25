import { signDevToken } from '@mesh/bus';
import { wsConnectHandler } from '../../src/functions/wsConnect/handler';
import { wsDisconnectHandler } from '../../src/functions/wsDisconnect/handler';
import { InMemoryConnectionStore } from '../helpers/InMemoryConnectionStore';
import { socketEvent } from '../helpers/socketEvent';

const at = new Date('2026-11-25T10:00:00.000Z');
const offline = { IS_OFFLINE: 'true' } as NodeJS.ProcessEnv;
const connect = (query?: Record<string, string>, authorizer?: Record<string, unknown>) =>
  socketEvent({ route: '$connect', ...(query ? { query } : {}), ...(authorizer ? { authorizer } : {}) });

describe('WebSocket $connect and $disconnect', () => {
  let connections: InMemoryConnectionStore;
  beforeEach(() => {
    connections = new InMemoryConnectionStore();
  });

  describe('offline', () => {
    const handler = () => wsConnectHandler({ connections, now: () => at, env: offline });

    it('records the caller of a valid development token, expiring after API Gateway’s two hours', async () => {
      const result = await handler()(connect({ token: signDevToken({ sub: 'cus-1' }) }));
      expect(result.statusCode).toBe(200);
      expect(connections.connections.get('conn-1')).toEqual({
        connectionId: 'conn-1',
        customerId: 'cus-1',
        isAdmin: false,
        connectedAt: at.toISOString(),
        expiresAt: at.getTime() / 1000 + 2 * 3600 + 600,
      });
    });

    it('remembers an admin', async () => {
      await handler()(connect({ token: signDevToken({ sub: 'ops-1', scope: 'admin' }) }));
      expect(connections.connections.get('conn-1')).toMatchObject({ customerId: 'ops-1', isAdmin: true });
    });

    it.each([
      ['no token', undefined],
      ['a forged token', { token: signDevToken({ sub: 'cus-1' }, { secret: 'not-the-dev-secret' }) }],
      ['garbage', { token: 'abc' }],
    ])('refuses %s with 401 and records nothing', async (_name, query) => {
      const result = await handler()(connect(query));
      expect(result.statusCode).toBe(401);
      expect(connections.connections.size).toBe(0);
    });
  });

  describe('in AWS', () => {
    const handler = () => wsConnectHandler({ connections, now: () => at, env: {} as NodeJS.ProcessEnv });

    it('refuses every connection when no authorizer verified a token, even with a valid development token', async () => {
      const result = await handler()(connect({ token: signDevToken({ sub: 'cus-1' }) }));
      expect(result.statusCode).toBe(401);
      expect(connections.connections.size).toBe(0);
    });

    it("takes the caller from the $connect authorizer's context", async () => {
      const result = await handler()(connect({ token: 'verified-upstream' }, { principalId: 'cus-7', scope: 'admin' }));
      expect(result.statusCode).toBe(200);
      expect(connections.connections.get('conn-1')).toMatchObject({ customerId: 'cus-7', isAdmin: true });
    });
  });

  it('forgets the connection on $disconnect', async () => {
    await wsConnectHandler({ connections, env: offline })(connect({ token: signDevToken({ sub: 'cus-1' }) }));
    const result = await wsDisconnectHandler({ connections })(socketEvent({ route: '$disconnect' }));
    expect(result.statusCode).toBe(200);
    expect(connections.connections.size).toBe(0);
  });
});
