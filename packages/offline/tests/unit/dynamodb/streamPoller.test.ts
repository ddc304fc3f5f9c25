// The poller's ordering and retry rules, against a fake streams client that can split shards at will (DynamoDB
// Local does not split them on demand).
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamsRecord,
  type DynamoDBStreamsClient,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import { createStreamPoller, type DynamoDBStreamEvent, type StreamPoller } from '../../../src/dynamodb';

const streamArn = 'arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/now';

interface FakeShard {
  shard: Shard;
  records: StreamsRecord[];
}

function record(sequence: number, key: string): StreamsRecord {
  return {
    eventID: `e${sequence}`,
    eventName: 'INSERT',
    dynamodb: { Keys: { pk: { S: key } }, SequenceNumber: String(sequence).padStart(6, '0') },
  };
}

/** A stream whose closed shards end after their records, and whose open shards return [] once read. */
function fakeStreams(shards: FakeShard[]): DynamoDBStreamsClient {
  const send = async (command: unknown): Promise<unknown> => {
    if (command instanceof DescribeStreamCommand) {
      return { StreamDescription: { StreamArn: streamArn, Shards: shards.map(({ shard }) => shard) } };
    }
    if (command instanceof GetShardIteratorCommand) {
      return { ShardIterator: `${command.input.ShardId}|0` };
    }
    if (command instanceof GetRecordsCommand) {
      const [shardId, from] = (command.input.ShardIterator ?? '').split('|');
      const fake = shards.find(({ shard }) => shard.ShardId === shardId);
      if (!fake) throw new Error(`unknown shard ${shardId}`);
      const start = Number(from);
      const page = fake.records.slice(start, start + (command.input.Limit ?? 1000));
      const end = start + page.length;
      const closed = Boolean(fake.shard.SequenceNumberRange?.EndingSequenceNumber);
      return {
        Records: page,
        NextShardIterator: closed && end >= fake.records.length ? undefined : `${shardId}|${end}`,
      };
    }
    throw new Error(`unexpected command ${String(command)}`);
  };
  return { send, destroy: () => {} } as unknown as DynamoDBStreamsClient;
}

async function eventually(check: () => void, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

const keys = (event: DynamoDBStreamEvent): (string | undefined)[] =>
  event.Records.map((each) => each.dynamodb?.Keys?.pk?.S);

let poller: StreamPoller | undefined;
afterEach(async () => {
  await poller?.stop();
  poller = undefined;
});

describe('createStreamPoller', () => {
  it('reads a child shard only after its parent is drained, even when it is listed first', async () => {
    const parent: FakeShard = {
      shard: { ShardId: 'parent', SequenceNumberRange: { StartingSequenceNumber: '1', EndingSequenceNumber: '3' } },
      records: [record(1, 'a'), record(2, 'b'), record(3, 'c')],
    };
    const child: FakeShard = {
      shard: { ShardId: 'child', ParentShardId: 'parent', SequenceNumberRange: { StartingSequenceNumber: '4' } },
      records: [record(4, 'd')],
    };
    const seen: (string | undefined)[] = [];
    poller = createStreamPoller({
      streamArn,
      client: fakeStreams([child, parent]),
      batchSize: 1,
      pollIntervalMs: 5,
      handler: async (event) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        seen.push(...keys(event));
      },
    });
    await poller.start();
    await eventually(() => expect(seen).toEqual(['a', 'b', 'c', 'd']));
  });

  it('retries the whole batch when batchItemFailures names a record that is not in it, as Lambda does', async () => {
    const shard: FakeShard = { shard: { ShardId: 'only' }, records: [record(1, 'a'), record(2, 'b')] };
    const batches: (string | undefined)[][] = [];
    poller = createStreamPoller({
      streamArn,
      client: fakeStreams([shard]),
      retryDelayMs: 1,
      pollIntervalMs: 5,
      logger: { warn: () => {}, error: () => {} },
      handler: async (event) => {
        batches.push(keys(event));
        return batches.length === 1 ? { batchItemFailures: [{ itemIdentifier: 'not-a-sequence-number' }] } : undefined;
      },
    });
    await poller.start();
    await eventually(() =>
      expect(batches).toEqual([
        ['a', 'b'],
        ['a', 'b'],
      ]),
    );
  });

  it('gives up on a failing record after maximumRetryAttempts, skipping only from that record on', async () => {
    const shard: FakeShard = { shard: { ShardId: 'only' }, records: [record(1, 'a'), record(2, 'b'), record(3, 'c')] };
    const batches: (string | undefined)[][] = [];
    const discarded: (string | undefined)[] = [];
    poller = createStreamPoller({
      streamArn,
      client: fakeStreams([shard]),
      maximumRetryAttempts: 1,
      retryDelayMs: 1,
      pollIntervalMs: 5,
      logger: { warn: () => {}, error: () => {} },
      onDiscard: (records) => void discarded.push(...records.map((each) => each.dynamodb?.Keys?.pk?.S)),
      handler: async (event) => {
        batches.push(keys(event));
        const failing = event.Records.find((each) => each.dynamodb?.Keys?.pk?.S === 'b');
        if (failing) return { batchItemFailures: [{ itemIdentifier: failing.dynamodb?.SequenceNumber ?? '' }] };
      },
    });
    await poller.start();
    await eventually(() => expect(discarded).toEqual(['b', 'c']));
    // 'a' succeeded first time; 'b' (with 'c' behind it) was tried, retried once, then skipped as a batch.
    expect(batches).toEqual([
      ['a', 'b', 'c'],
      ['b', 'c'],
    ]);
  });

  it('refuses a batchSize Lambda would refuse', () => {
    expect(() => createStreamPoller({ streamArn, batchSize: 0, handler: async () => {} })).toThrow(RangeError);
  });
});
