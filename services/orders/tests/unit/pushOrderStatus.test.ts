import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { newConnection } from '../../src/domain/connection';
import { ConnectionGoneError, managementApiSocketClient, type SocketClient } from '../../src/websocket/SocketClient';
import { pushOrderStatus } from '../../src/websocket/pushOrderStatus';
import { InMemoryConnectionStore } from '../helpers/InMemoryConnectionStore';

/** A management API that records posts, and answers gone (or fails) for the connections it is told. */
class FakeSockets implements SocketClient {
  readonly posted: { connectionId: string; message: unknown }[] = [];
  readonly gone = new Set<string>();
  readonly failing = new Set<string>();
  async post(connectionId: string, message: unknown) {
    if (this.gone.has(connectionId)) throw new ConnectionGoneError(connectionId);
    if (this.failing.has(connectionId)) throw new Error('throttled');
    this.posted.push({ connectionId, message });
  }
}

const logger = { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() };

function orderChange(orderId: string, status: string, sequence: string, extra: Record<string, string> = {}) {
  return {
    eventName: 'MODIFY',
    dynamodb: {
      SequenceNumber: sequence,
      NewImage: {
        pk: { S: `ORDER#${orderId}` },
        kind: { S: 'order' },
        orderId: { S: orderId },
        status: { S: status },
        ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, { S: v }])),
      },
    },
  } as DynamoDBRecord;
}
const batch = (...Records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records });

describe('pushing order status changes', () => {
  let connections: InMemoryConnectionStore;
  let sockets: FakeSockets;
  let push: ReturnType<typeof pushOrderStatus>;
  const subscribed = async (connectionId: string, orderId: string) => {
    const connection = newConnection(
      connectionId,
      { customerId: 'cus-1', isAdmin: false, scopes: new Set() },
      new Date(),
    );
    await connections.connect(connection);
    await connections.subscribe(connection, orderId);
  };
  beforeEach(() => {
    connections = new InMemoryConnectionStore();
    sockets = new FakeSockets();
    push = pushOrderStatus({ connections, sockets, logger });
  });

  it("fans each change out to every subscriber of that order, and to no one else's", async () => {
    await subscribed('conn-a', 'ord-1');
    await subscribed('conn-b', 'ord-1');
    await subscribed('conn-c', 'ord-2');
    const response = await push(batch(orderChange('ord-1', 'CANCELLED', '1', { cancelReason: 'CUSTOMER_REQUEST' })));
    expect(response.batchItemFailures).toEqual([]);
    const message = { type: 'order-status', orderId: 'ord-1', status: 'CANCELLED', reason: 'CUSTOMER_REQUEST' };
    expect(sockets.posted).toEqual([
      { connectionId: 'conn-a', message },
      { connectionId: 'conn-b', message },
    ]);
  });

  it('pushes the changes of a batch in stream order', async () => {
    await subscribed('conn-a', 'ord-1');
    await push(batch(orderChange('ord-1', 'RESERVED', '1'), orderChange('ord-1', 'CONFIRMED', '2')));
    expect(sockets.posted.map((p) => (p.message as { status: string }).status)).toEqual(['RESERVED', 'CONFIRMED']);
  });

  it('forgets a connection API Gateway reports gone, and still reaches the others', async () => {
    await subscribed('conn-gone', 'ord-1');
    await subscribed('conn-live', 'ord-1');
    sockets.gone.add('conn-gone');
    const response = await push(batch(orderChange('ord-1', 'CONFIRMED', '1')));
    expect(response.batchItemFailures).toEqual([]);
    expect(sockets.posted.map((p) => p.connectionId)).toEqual(['conn-live']);
    expect(await connections.subscribersOf('ord-1')).toEqual(['conn-live']);
    expect(connections.connections.has('conn-gone')).toBe(false);
  });

  it('stops at a record whose push failed otherwise, so the stream retries from it', async () => {
    await subscribed('conn-a', 'ord-1');
    await subscribed('conn-b', 'ord-2');
    sockets.failing.add('conn-a');
    const response = await push(batch(orderChange('ord-1', 'RESERVED', '7'), orderChange('ord-2', 'RESERVED', '8')));
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '7' }]);
    expect(sockets.posted).toEqual([]);
    expect(await connections.subscribersOf('ord-1')).toEqual(['conn-a']);
  });

  it('ignores what is not an order change (outbox rows, subscriptions, new orders)', async () => {
    await subscribed('conn-a', 'ord-1');
    const insert = { ...orderChange('ord-1', 'PENDING', '1'), eventName: 'INSERT' } as DynamoDBRecord;
    const outbox = orderChange('ord-1', 'PENDING', '2');
    outbox.dynamodb!.NewImage!.kind = { S: 'outbox' };
    await push(batch(insert, outbox));
    expect(sockets.posted).toEqual([]);
  });
});

describe('the management API client', () => {
  it('posts the JSON message to the connection', async () => {
    const send = jest.fn().mockResolvedValue({});
    await managementApiSocketClient('http://ws', { send } as never).post('conn-1', { a: 1 });
    const [command] = send.mock.calls[0] as [{ input: { ConnectionId: string; Data: Uint8Array } }];
    expect(command.input.ConnectionId).toBe('conn-1');
    expect(JSON.parse(Buffer.from(command.input.Data).toString())).toEqual({ a: 1 });
  });

  it.each([
    ['a GoneException', Object.assign(new Error('gone'), { name: 'GoneException' })],
    ["serverless-offline's bare 410", Object.assign(new Error('UnknownError'), { $metadata: { httpStatusCode: 410 } })],
  ])('turns %s into ConnectionGoneError', async (_name, error) => {
    const send = jest.fn().mockRejectedValue(error);
    await expect(managementApiSocketClient('http://ws', { send } as never).post('conn-1', {})).rejects.toBeInstanceOf(
      ConnectionGoneError,
    );
  });

  it('lets any other failure through', async () => {
    const send = jest.fn().mockRejectedValue(Object.assign(new Error('slow down'), { name: 'LimitExceededException' }));
    await expect(managementApiSocketClient('http://ws', { send } as never).post('conn-1', {})).rejects.toThrow(
      'slow down',
    );
  });
});
