/**
 * The two measurements every end-to-end benchmark here makes of a pipeline (publish → … → a row in DynamoDB),
 * whatever carries the events: latency of one event at a time, and sustained throughput.
 */
import { performance } from 'node:perf_hooks';
import { QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** A pipeline under test, seen from outside: publish events, then read what its subscriber wrote. */
export interface Pipeline {
  /** Publishes one event and resolves with a probe that is true once its subscriber's row is readable. */
  publishOne(): Promise<() => Promise<boolean>>;
  /**
   * Publishes `count` (≤ 10) events of one run in one call (PutEvents or SendMessageBatch) and resolves with
   * how many were accepted.
   */
  publishBatch(run: string, count: number): Promise<number>;
  /** How many events of `run` the subscriber has written so far. */
  handled(run: string): Promise<number>;
  /**
   * Messages still queued or in flight before the subscriber, when the pipeline has a queue: counting rows
   * waits while it is above zero, so the count's own reads do not slow the pipeline down.
   */
  backlog?(): Promise<number>;
}

export interface LatencyFigures {
  events: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface ThroughputFigures {
  /** Events accepted by the publisher during the window. */
  published: number;
  /** Events whose row was found at the end (must equal `published`). */
  handledEvents: number;
  /** Accepted events per second while publishing. */
  publishedPerSecond: number;
  /** Handled events per second, from the first publish to the last row written (publishing and drain). */
  eventsPerSecond: number;
  /** Seconds from the end of publishing until the last event was handled (or the wait was given up). */
  drainSeconds: number;
  /** Accepted events never seen handled: the wait hit its limit, or the count stopped moving. */
  unhandledEvents: number;
}

export const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Publishes `count` events one after another (each once the previous one was handled) and returns the
 * latencies from publishing to the subscriber's row being readable; the row is read every 5 ms, so the
 * figures include up to 5 ms of polling. `warmup` events first, not counted (cold handlers). Past `budgetMs`
 * it stops (once 10 events are measured) and `events` says how many were.
 */
export async function measureLatency(
  pipeline: Pipeline,
  count: number,
  warmup = 5,
  budgetMs = Number.POSITIVE_INFINITY,
  /** Told before event `i` (0-based, warm-up events included) is published. */
  beforeEach?: (i: number) => void,
): Promise<LatencyFigures> {
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < warmup + count; i += 1) {
    // A slow pipeline (seconds per event) stops early, with at least 10 events measured.
    if (latencies.length >= 10 && performance.now() - started > budgetMs) break;
    beforeEach?.(i);
    const sent = performance.now();
    const isHandled = await pipeline.publishOne();
    while (!(await isHandled())) {
      if (performance.now() - sent > 30_000) throw new Error(`event ${i} was not handled within 30 s`);
      await delay(5);
    }
    if (i >= warmup) latencies.push(performance.now() - sent);
  }
  latencies.sort((a, b) => a - b);
  return {
    events: latencies.length,
    p50Ms: round(percentile(latencies, 50)),
    p90Ms: round(percentile(latencies, 90)),
    p99Ms: round(percentile(latencies, 99)),
    maxMs: round(latencies[latencies.length - 1]!),
  };
}

export interface ThroughputOptions {
  /** How long to publish, in ms. */
  windowMs: number;
  /** Publish calls (10 events each) in flight at once. */
  lanes: number;
  /** Give up waiting for the backlog after this long. */
  drainTimeoutMs?: number;
  /** Give up when the count has not moved for this long (events lost, not late). Default 20 s. */
  stallTimeoutMs?: number;
}

/**
 * Sustained throughput: `lanes` publishers each put batches of 10 events as fast as they are accepted for
 * `windowMs`, then the subscriber's rows are counted (once its queue is empty, if it has one) until every accepted
 * event is handled.
 * The rate is handled events over the time from the first publish to the count reaching the total, so a
 * pipeline that falls behind pays for its backlog. If the count stops moving for `stallTimeoutMs`, or the
 * wait reaches `drainTimeoutMs`, the figures are what was handled by then, with `unhandledEvents` > 0.
 */
export async function measureThroughput(pipeline: Pipeline, options: ThroughputOptions): Promise<ThroughputFigures> {
  const run = `run-${Date.now().toString(36)}`;
  const started = performance.now();
  const until = started + options.windowMs;
  let published = 0;
  await Promise.all(
    Array.from({ length: options.lanes }, async () => {
      while (performance.now() < until) {
        const accepted = await pipeline.publishBatch(run, 10);
        published += accepted;
      }
    }),
  );
  const publishedAt = performance.now();
  const deadline = publishedAt + (options.drainTimeoutMs ?? 120_000);
  let handledEvents = 0;
  while (performance.now() < deadline) {
    if (pipeline.backlog && (await pipeline.backlog()) > 0) {
      await delay(50);
      continue;
    }
    handledEvents = await pipeline.handled(run);
    if (handledEvents >= published) break;
    await delay(50);
  }
  const done = performance.now();
  return {
    published,
    handledEvents,
    publishedPerSecond: Math.round(published / ((publishedAt - started) / 1000)),
    eventsPerSecond: Math.round(handledEvents / ((done - started) / 1000)),
    drainSeconds: round((done - publishedAt) / 1000),
    unhandledEvents: published - handledEvents,
  };
}

/** Counts the items of one partition (`Select: COUNT`, every page). */
export async function countPartition(
  dynamo: DynamoDBClient,
  table: string,
  keyName: string,
  key: string,
): Promise<number> {
  let count = 0;
  let start: Record<string, never> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: '#k = :k',
        ExpressionAttributeNames: { '#k': keyName },
        ExpressionAttributeValues: { ':k': { S: key } },
        Select: 'COUNT',
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (start);
  return count;
}

/** Messages of a queue that are waiting, in flight or delayed. */
export async function queueBacklog(sqs: SQSClient, queueUrl: string): Promise<number> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: [
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
        'ApproximateNumberOfMessagesDelayed',
      ],
    }),
  );
  return Object.values(Attributes).reduce((sum, n) => sum + Number(n), 0);
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
