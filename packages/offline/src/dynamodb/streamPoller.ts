import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type _Record as StreamsRecord,
  type Shard,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import { toLambdaRecord, type DynamoDBRecord, type DynamoDBStreamHandler } from './streamRecord';

export interface StreamPollerOptions {
  /** The table's `LatestStreamArn`. */
  streamArn: string;
  /** Invoked with batches in Lambda's DynamoDB Streams event shape, one shard's records in order. */
  handler: DynamoDBStreamHandler;
  /** A client for the streams endpoint; or give `endpoint` (and `region`) and one is made. */
  client?: DynamoDBStreamsClient;
  endpoint?: string;
  region?: string;
  /** Where to begin in the shards open at start. Default `TRIM_HORIZON` (an outbox must not miss a write). */
  startingPosition?: 'TRIM_HORIZON' | 'LATEST';
  /** Most records per invocation (Lambda: 1–10000, default 100). */
  batchSize?: number;
  /**
   * Retries of a failing batch before its records are skipped (logged and given to `onDiscard`), as Lambda's
   * `MaximumRetryAttempts`; -1 retries forever. Default 3. The count starts again whenever a retry gets further.
   */
  maximumRetryAttempts?: number;
  /** Pause before the first retry of a failed batch, doubled at each further retry. Default 200 ms. */
  retryDelayMs?: number;
  /** The longest pause between retries. Default 5,000 ms (ten retries then span about half a minute). */
  maxRetryDelayMs?: number;
  /** Pause between polls of a shard that had nothing new. Default 250 ms. */
  pollIntervalMs?: number;
  /** How often to look for new (child) shards. Default 1000 ms. */
  shardDiscoveryIntervalMs?: number;
  /** Overrides the records' `awsRegion` (DynamoDB Local reports its own). */
  awsRegion?: string;
  /** Called with the records skipped after the retries ran out (Lambda's on-failure destination). */
  onDiscard?: (
    records: DynamoDBRecord[],
    error: unknown,
    shard: { shardId: string; attempts: number },
  ) => void | Promise<void>;
  logger?: Pick<Console, 'warn' | 'error'>;
}

export interface StreamPoller {
  /** Starts reading every shard; resolves once the shards open now have their iterators. */
  start(): Promise<void>;
  /** Stops polling, lets an invocation in flight finish, and resolves when every shard reader has ended. */
  stop(): Promise<void>;
}

const GET_RECORDS_LIMIT = 1000;

/** Thrown when a handler's `batchItemFailures` names a record not in the batch: Lambda then fails the whole batch. */
class UnknownBatchItemError extends Error {
  override readonly name = 'UnknownBatchItemError';
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

/**
 * Reads a DynamoDB stream the way Lambda's DynamoDB event source mapping does, for the offline mesh: every shard,
 * in order within a shard, children only after their parent is drained; batches of up to `batchSize`; a thrown
 * error retries the whole batch, a `batchItemFailures` response (ReportBatchItemFailures, identifiers are sequence
 * numbers) retries from the first failed record; after `maximumRetryAttempts` the failing records are skipped and
 * logged.
 *
 * @example
 * const poller = createStreamPoller({
 *   streamArn: table.LatestStreamArn!,
 *   endpoint: dynamo.endpoint,
 *   handler: async ({ Records }) => { for (const record of Records) await relay(record); },
 * });
 * await poller.start();
 * // ...
 * await poller.stop();
 */
export function createStreamPoller(options: StreamPollerOptions): StreamPoller {
  const batchSize = options.batchSize ?? 100;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
    throw new RangeError(`batchSize must be an integer from 1 to 10000, got ${batchSize}`);
  }
  const maximumRetryAttempts = options.maximumRetryAttempts ?? 3;
  const retryDelayMs = options.retryDelayMs ?? 200;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 5_000;
  const pollIntervalMs = options.pollIntervalMs ?? 250;
  const discoveryIntervalMs = options.shardDiscoveryIntervalMs ?? 1000;
  const logger = options.logger ?? console;
  const { streamArn, handler } = options;
  const makeClient = (): DynamoDBStreamsClient =>
    new DynamoDBStreamsClient({
      endpoint: options.endpoint,
      region: options.region ?? 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  // A client we made is destroyed by stop() and made again by the next start().
  let client = options.client ?? makeClient();
  let clientDestroyed = false;

  let abort = new AbortController();
  let running = false;
  let discovery: Promise<void> | undefined;
  const readers = new Map<string, Promise<void>>();

  async function listShards(): Promise<Shard[]> {
    const shards: Shard[] = [];
    let exclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await client.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: exclusiveStartShardId }),
        { abortSignal: abort.signal },
      );
      shards.push(...(StreamDescription?.Shards ?? []));
      exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    return shards;
  }

  async function iterator(shardId: string, type: ShardIteratorType, sequenceNumber?: string): Promise<string> {
    const { ShardIterator } = await client.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ShardIteratorType: type,
        SequenceNumber: sequenceNumber,
      }),
      { abortSignal: abort.signal },
    );
    if (!ShardIterator) throw new Error(`no iterator for shard ${shardId} of ${streamArn}`);
    return ShardIterator;
  }

  /** Returns the index of the first record to retry from, or -1 when the whole batch succeeded. */
  async function invoke(batch: DynamoDBRecord[]): Promise<{ failedAt: number; error?: unknown }> {
    try {
      const response = await handler({ Records: batch });
      const failures = response?.batchItemFailures ?? [];
      if (failures.length === 0) return { failedAt: -1 };
      const positions = failures.map(({ itemIdentifier }) =>
        batch.findIndex((record) => record.dynamodb?.SequenceNumber === itemIdentifier),
      );
      if (positions.some((position) => position < 0)) {
        const names = failures.map(({ itemIdentifier }) => JSON.stringify(itemIdentifier)).join(', ');
        return { failedAt: 0, error: new UnknownBatchItemError(`batchItemFailures names unknown records: ${names}`) };
      }
      return { failedAt: Math.min(...positions), error: new Error('the handler reported batch item failures') };
    } catch (error) {
      return { failedAt: 0, error };
    }
  }

  async function readShard(shard: Shard, startAt: 'TRIM_HORIZON' | 'LATEST', ready: () => void): Promise<void> {
    const shardId = shard.ShardId ?? '';
    const signal = abort.signal;
    const parent = shard.ParentShardId ? readers.get(shard.ParentShardId) : undefined;
    if (parent) {
      // Lambda reads a child only once its parent is drained, so a key's changes stay in order across a split.
      ready();
      await parent;
      if (signal.aborted) return;
    }

    const buffer: DynamoDBRecord[] = [];
    let lastRead: string | undefined;
    let next: string | undefined = await iterator(shardId, startAt).finally(ready);
    let attempts = 0;

    while (!signal.aborted) {
      if (next && buffer.length < batchSize) {
        let page: StreamsRecord[];
        try {
          const result: GetRecordsCommandOutput = await client.send(
            new GetRecordsCommand({ ShardIterator: next, Limit: Math.min(GET_RECORDS_LIMIT, batchSize) }),
            { abortSignal: signal },
          );
          page = result.Records ?? [];
          next = result.NextShardIterator;
        } catch (error) {
          if (signal.aborted) return;
          if (error instanceof ExpiredIteratorException) {
            next = lastRead
              ? await iterator(shardId, 'AFTER_SEQUENCE_NUMBER', lastRead)
              : await iterator(shardId, startAt);
            continue;
          }
          if (error instanceof TrimmedDataAccessException) {
            logger.warn(`[streamPoller] shard ${shardId}: records trimmed before they were read; going on`);
            next = await iterator(shardId, 'TRIM_HORIZON');
            continue;
          }
          throw error;
        }
        for (const record of page) {
          lastRead = record.dynamodb?.SequenceNumber ?? lastRead;
          buffer.push(toLambdaRecord(record, streamArn, options.awsRegion));
        }
      }

      if (buffer.length === 0) {
        if (!next) break; // closed shard, drained
        await sleep(pollIntervalMs, signal);
        continue;
      }

      const batch = buffer.slice(0, batchSize);
      const { failedAt, error } = await invoke(batch);
      if (failedAt < 0) {
        buffer.splice(0, batch.length);
        attempts = 0;
        continue;
      }
      buffer.splice(0, failedAt);
      if (failedAt > 0) attempts = 0;
      attempts += 1;
      if (maximumRetryAttempts >= 0 && attempts > maximumRetryAttempts) {
        const skipped = buffer.splice(0, batch.length - failedAt);
        const sequenceNumbers = skipped.map((record) => record.dynamodb?.SequenceNumber).join(', ');
        logger.error(
          `[streamPoller] shard ${shardId}: skipping ${skipped.length} record(s) after ${maximumRetryAttempts} ` +
            `retries (sequence numbers ${sequenceNumbers}):`,
          error,
        );
        await options.onDiscard?.(skipped, error, { shardId, attempts });
        attempts = 0;
        continue;
      }
      // Backing off gives a function that is down (restarting, deploying) time to come back before the retries run out.
      await sleep(Math.min(maxRetryDelayMs, retryDelayMs * 2 ** (attempts - 1)), signal);
    }
  }

  /** Starts a reader per shard not seen yet, parents before children; resolves when each has its iterator. */
  async function launchReaders(shards: Shard[], startAt: 'TRIM_HORIZON' | 'LATEST'): Promise<void> {
    const byId = new Map(shards.map((shard) => [shard.ShardId, shard]));
    const ready: Promise<void>[] = [];
    const launch = (shard: Shard): void => {
      const shardId = shard.ShardId;
      if (!shardId || readers.has(shardId)) return;
      const parent = shard.ParentShardId ? byId.get(shard.ParentShardId) : undefined;
      if (parent) launch(parent);
      let markReady = (): void => {};
      ready.push(new Promise((resolve) => (markReady = resolve)));
      const reader = readShard(shard, startAt, markReady).catch((error: unknown) => {
        markReady();
        if (!abort.signal.aborted) logger.error(`[streamPoller] shard ${shardId} stopped:`, error);
      });
      readers.set(shardId, reader);
    };
    shards.forEach(launch);
    await Promise.all(ready);
  }

  async function discover(): Promise<void> {
    while (running) {
      await sleep(discoveryIntervalMs, abort.signal);
      if (!running) return;
      try {
        // Shards that appear after start are children of a split: read them from their beginning.
        await launchReaders(await listShards(), 'TRIM_HORIZON');
      } catch (error) {
        if (running) logger.warn('[streamPoller] could not list shards:', error);
      }
    }
  }

  return {
    async start() {
      if (running) return;
      abort = new AbortController();
      if (clientDestroyed) client = makeClient();
      clientDestroyed = false;
      running = true;
      const shards = await listShards();
      const startingPosition = options.startingPosition ?? 'TRIM_HORIZON';
      if (startingPosition === 'LATEST') {
        // Closed shards hold only the past, which LATEST skips: remember them as done.
        for (const shard of shards) {
          if (shard.ShardId && shard.SequenceNumberRange?.EndingSequenceNumber) {
            readers.set(shard.ShardId, Promise.resolve());
          }
        }
      }
      await launchReaders(shards, startingPosition);
      discovery = discover();
    },

    async stop() {
      if (!running) return;
      running = false;
      abort.abort();
      await discovery;
      await Promise.all(readers.values());
      readers.clear();
      if (!options.client) {
        client.destroy();
        clientDestroyed = true;
      }
    },
  };
}
