/**
 * Measures the bus library's own costs, with the AWS clients replaced by instant fakes so only our code
 * is timed: how many PutEvents calls 1,000 events take and how many events/s the publisher prepares, and
 * the subscriber's per-message cost against Powertools' BatchProcessor over the same batch, twice: a bare
 * handler that only parses the body (issue 7's baseline), and one that also validates the event against its
 * contract, as any production handler must (all three alternated round by round; the median of the rounds'
 * ratios).
 *
 * Run: `npx tsx packages/bus/bench/bus.ts`
 */
import { performance } from 'node:perf_hooks';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
// Deployed functions trace, so they load the Tracer and its X-Ray SDK, whose async hooks (cls-hooked) tax every
// promise of the process; the bus loads it only where it can trace. Loaded here so that both sides pay it, as
// in Lambda.
import '@aws-lambda-powertools/tracer';
import type { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { parseEventDetail } from '@mesh/contracts';
import { BookLent } from '../tests/helpers/fixtureContracts';
import { lambdaContext, makeEvent, sqsEvent, sqsRecord } from '../src/testing';
import type { SQSRecord } from 'aws-lambda';
import { event, EventPublisher, MeshMetrics, observe, subscriber } from '../src';

export interface PublisherBenchmark {
  events: number;
  putEventsCalls: number;
  callsPer1000Events: number;
  eventsPerSecond: number;
}

export interface SubscriberBenchmark {
  messages: number;
  oursMicrosPerMessage: number;
  /** Powertools' BatchProcessor over a handler that parses the body and nothing else. */
  powertoolsMicrosPerMessage: number;
  /** The same, its handler also validating the detail against the contract's schema, as ours does. */
  powertoolsValidatingMicrosPerMessage: number;
  /** Median over the rounds of ours / bare Powertools, each round timing them back to back (issue 7's ratio). */
  ratio: number;
  /** Median over the rounds of ours / validating Powertools: the like-for-like comparison. */
  ratioValidating: number;
}

export async function benchPublisher(events = 1000, rounds = 20): Promise<PublisherBenchmark> {
  let calls = 0;
  const client = {
    send: async (command: PutEventsCommand) => {
      calls++;
      return { FailedEntryCount: 0, Entries: (command.input.Entries ?? []).map((_, i) => ({ EventId: `id-${i}` })) };
    },
  } as unknown as EventBridgeClient;
  const publisher = new EventPublisher({ eventBusName: 'bench', client });
  const batch = Array.from({ length: events }, (_, i) =>
    event(BookLent, { ...BookLent.example, loanId: `loan-${i}` }, { correlationId: 'c', causationId: 'r' }),
  );
  await publisher.publish(batch); // warm-up
  calls = 0;
  const start = performance.now();
  for (let r = 0; r < rounds; r++) await publisher.publish(batch);
  const seconds = (performance.now() - start) / 1000;
  return {
    events,
    putEventsCalls: calls / rounds,
    callsPer1000Events: (calls / rounds) * (1000 / events),
    eventsPerSecond: Math.round((events * rounds) / seconds),
  };
}

export async function benchSubscriber(batches = 5000): Promise<SubscriberBenchmark> {
  const records = Array.from({ length: 10 }, (_, i) => sqsRecord(makeEvent(BookLent, { eventId: `e-${i}` })));
  const batch = sqsEvent(records);
  const context = lambdaContext();
  let sink = 0;
  const ours = subscriber({
    name: 'bench',
    observers: [observe(BookLent, async (e) => void (sink += e.data.books.length), { name: 'count' })],
    // Its own metrics, made now: the process's shared ones read POWERTOOLS_METRICS_DISABLED once, at the
    // first subscriber, so a later run with metrics off would still write them.
    metrics: new MeshMetrics(),
  });
  // The bare baseline does the least any handler must: parse the body and hand the data on.
  const baseline = (e: typeof batch) =>
    processPartialResponse(
      e,
      async (record: SQSRecord) => void (sink += JSON.parse(record.body).detail.data.books.length),
      new BatchProcessor(EventType.SQS),
      { context },
    );
  // A production handler also checks the event against its contract before trusting it: the same schema
  // (envelope and data) on the detail that ours applies, written as a Powertools user would, by hand
  // (@aws-lambda-powertools/parser is not a dependency; its envelope would run the same zod schema).
  const validating = (e: typeof batch) =>
    processPartialResponse(
      e,
      async (record: SQSRecord) => {
        const envelope = parseEventDetail(BookLent, JSON.parse(record.body).detail);
        sink += envelope.data.books.length;
      },
      new BatchProcessor(EventType.SQS),
      { context },
    );
  const time = async (run: () => Promise<unknown>, count: number) => {
    const start = performance.now();
    for (let i = 0; i < count; i++) await run();
    return ((performance.now() - start) * 1000) / (count * records.length);
  };
  // Warm both up, then alternate them round by round: on a shared machine the load changes from one
  // moment to the next, and a ratio of two runs taken at different moments measures the load, not the code.
  for (let i = 0; i < 50; i++) {
    await baseline(batch);
    await validating(batch);
    await ours(batch, context);
  }
  const rounds = 10;
  const oursMicros: number[] = [];
  const powertoolsMicros: number[] = [];
  const validatingMicros: number[] = [];
  const ratios: number[] = [];
  const ratiosValidating: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const p = await time(() => baseline(batch), batches / rounds);
    const v = await time(() => validating(batch), batches / rounds);
    const o = await time(() => ours(batch, context), batches / rounds);
    powertoolsMicros.push(p);
    validatingMicros.push(v);
    oursMicros.push(o);
    ratios.push(o / p);
    ratiosValidating.push(o / v);
  }
  if (sink === 0) throw new Error('observers never ran');
  return {
    messages: batches * records.length,
    oursMicrosPerMessage: round(median(oursMicros)),
    powertoolsMicrosPerMessage: round(median(powertoolsMicros)),
    powertoolsValidatingMicrosPerMessage: round(median(validatingMicros)),
    ratio: round(median(ratios)),
    ratioValidating: round(median(ratiosValidating)),
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (n: number) => Math.round(n * 100) / 100;

if (require.main === module) {
  void (async () => {
    console.table(await benchPublisher());
    console.table(await benchSubscriber());
  })();
}
