import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { InventoryDependencies } from '../../src/dependencies';
import { getStock } from '../../src/functions/getStock/handler';
import { putStock } from '../../src/functions/putStock/handler';
import { InMemoryBus, problemOf } from '@mesh/testing';
import { InMemoryInventoryStore } from '../helpers/InMemoryInventoryStore';

type Claims = Record<string, string | number | boolean | string[]>;

function request(sku: string, options: { body?: string; claims?: Claims | null } = {}) {
  const claims = options.claims === undefined ? { sub: 'user-1', scope: 'admin stock:read' } : options.claims;
  return {
    version: '2.0',
    routeKey: 'PUT /stock/{sku}',
    rawPath: `/stock/${sku}`,
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    pathParameters: { sku },
    ...(options.body !== undefined ? { body: options.body } : {}),
    requestContext: {
      ...(claims ? { authorizer: { principalId: '', integrationLatency: 0, jwt: { claims, scopes: null } } } : {}),
    },
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

function setup() {
  const store = new InMemoryInventoryStore();
  const deps: InventoryDependencies = { store, events: new InMemoryBus(), now: () => new Date() };
  return { store, put: putStock(() => deps), get: getStock(() => deps) };
}

const bodyOf = (result: { body?: string }) => JSON.parse(result.body ?? 'null');

describe('PUT /stock/{sku}', () => {
  it('sets the units on hand of a new SKU', async () => {
    const { put, store } = setup();
    const result = await put(request('SKU-A', { body: '{"onHand":12}' }));
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toEqual({ sku: 'SKU-A', onHand: 12, reserved: 0, available: 12 });
    expect(store.stock.get('SKU-A')?.onHand).toBe(12);
  });

  it('keeps what is reserved when an admin recounts', async () => {
    const { put, store } = setup();
    store.seed('SKU-A', 10, 4);
    const result = await put(request('SKU-A', { body: '{"onHand":6}' }));
    expect(bodyOf(result)).toEqual({ sku: 'SKU-A', onHand: 6, reserved: 4, available: 2 });
  });

  it('refuses a count below what is reserved with 409', async () => {
    const { put, store } = setup();
    store.seed('SKU-A', 10, 4);
    const result = await put(request('SKU-A', { body: '{"onHand":3}' }));
    expect(result.statusCode).toBe(409);
    expect(problemOf(result)).toEqual({
      type: 'urn:mesh:problem:stock-below-reserved',
      title: 'Stock would fall below what is reserved',
      status: 409,
      detail: 'SKU-A: on hand 3 would be below the 4 already reserved',
      sku: 'SKU-A',
      onHand: 3,
      reserved: 4,
    });
  });

  it.each([
    ['a negative count', '{"onHand":-1}', '/body/onHand'],
    ['a fractional count', '{"onHand":1.5}', '/body/onHand'],
    ['a count as a string', '{"onHand":"3"}', '/body/onHand'],
    ['a missing count', '{}', '/body/onHand'],
    ['a body that is not JSON', 'onHand=3', '/body'],
    ['a body that is not an object', '[1]', '/body'],
    ['no body at all', undefined, '/body'],
  ])('answers 400 pointing at the field for %s', async (_what, body, pointer) => {
    const { put } = setup();
    const result = await put(request('SKU-A', body === undefined ? {} : { body }));
    expect(result.statusCode).toBe(400);
    expect(problemOf(result)).toEqual({
      type: 'urn:mesh:problem:invalid-request',
      title: 'The request is invalid',
      status: 400,
      detail: expect.stringContaining(`${pointer}: `),
      errors: [{ pointer, detail: expect.any(String) }],
    });
  });

  it('answers 400 for a malformed SKU in the path', async () => {
    const { put } = setup();
    const result = await put(request('not a sku', { body: '{"onHand":1}' }));
    expect(result.statusCode).toBe(400);
    expect(problemOf(result).errors).toEqual([{ pointer: '/path/sku', detail: expect.any(String) }]);
  });

  it('answers 401 when no verified claims reach it', async () => {
    const { put } = setup();
    const result = await put(request('SKU-A', { body: '{"onHand":1}', claims: null }));
    expect(result.statusCode).toBe(401);
    expect(problemOf(result)).toMatchObject({ type: 'about:blank', title: 'Unauthorized', status: 401 });
  });

  it('answers 403 to a caller without the admin scope', async () => {
    const { put, store } = setup();
    const result = await put(request('SKU-A', { body: '{"onHand":1}', claims: { sub: 'u', scope: 'stock:read' } }));
    expect(result.statusCode).toBe(403);
    expect(problemOf(result)).toEqual({
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
      detail: 'the "admin" scope is required',
    });
    expect(store.stock.size).toBe(0);
  });

  it('reads the admin scope from the bracketed list API Gateway makes of an array claim', async () => {
    const { put } = setup();
    const result = await put(request('SKU-A', { body: '{"onHand":1}', claims: { sub: 'u', scope: '[read admin]' } }));
    expect(result.statusCode).toBe(200);
  });

  it('answers 500 without detail when the store fails', async () => {
    const { put, store } = setup();
    store.updateStock = async () => {
      throw new Error('DynamoDB is down at 10.0.0.1');
    };
    const result = await put(request('SKU-A', { body: '{"onHand":1}' }));
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain('10.0.0.1');
  });
});

describe('GET /stock/{sku}', () => {
  it('shows on hand, reserved and available to any authenticated caller', async () => {
    const { get, store } = setup();
    store.seed('SKU-A', 10, 3);
    const result = await get(request('SKU-A', { claims: { sub: 'customer-1' } }));
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toEqual({ sku: 'SKU-A', onHand: 10, reserved: 3, available: 7 });
  });

  it('answers 404 for an unknown SKU', async () => {
    const { get } = setup();
    const result = await get(request('SKU-NONE'));
    expect(result.statusCode).toBe(404);
    expect(problemOf(result)).toMatchObject({ type: 'urn:mesh:problem:stock-not-found', status: 404, sku: 'SKU-NONE' });
  });

  it('answers 401 to an anonymous caller', async () => {
    const { get } = setup();
    expect((await get(request('SKU-A', { claims: null }))).statusCode).toBe(401);
  });
});
