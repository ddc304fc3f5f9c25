import { formatTrace, logsInsightsQuery, timeSpent, whereOf, type Trace } from '../../../src/cli';
import type { Hop } from '@mesh/offline';

const queueArn = 'arn:aws:sqs:us-east-1:000000000000:billing-dev-order-events';
let seq = 0;
const hop = (at: number, fields: Partial<Hop>): Hop => ({
  seq: (seq += 1),
  at,
  kind: 'published',
  correlationId: 'cor-1',
  eventId: 'evt-1',
  awsEventId: 'aws-1',
  name: 'BookLent',
  ...fields,
});

const hops: Hop[] = [
  hop(1_000, { kind: 'published', bus: 'mesh-dev' }),
  hop(1_002, { kind: 'matched', bus: 'mesh-dev', rule: 'billing-order-events' }),
  hop(1_010, {
    kind: 'delivered',
    rule: 'billing-order-events',
    target: queueArn,
    queue: 'billing-dev-order-events',
    durationMs: 6,
    attempt: 1,
  }),
  hop(1_030, {
    kind: 'received',
    queue: 'billing-dev-order-events',
    functionName: 'billing-dev-orderEvents',
    service: 'billing',
    messageId: 'm-1',
    attempt: 1,
  }),
  hop(1_080, {
    kind: 'failed',
    queue: 'billing-dev-order-events',
    functionName: 'billing-dev-orderEvents',
    service: 'billing',
    messageId: 'm-1',
    attempt: 1,
    durationMs: 50,
    reason: 'Error: not yet',
  }),
  hop(2_100, {
    kind: 'received',
    queue: 'billing-dev-order-events',
    functionName: 'billing-dev-orderEvents',
    service: 'billing',
    messageId: 'm-1',
    attempt: 2,
  }),
  hop(2_120, {
    kind: 'handled',
    queue: 'billing-dev-order-events',
    functionName: 'billing-dev-orderEvents',
    service: 'billing',
    messageId: 'm-1',
    attempt: 2,
    durationMs: 20,
  }),
  hop(1_090, {
    kind: 'sent',
    eventId: 'cmd-1',
    awsEventId: undefined,
    name: 'ReserveCopy',
    queue: 'catalog-dev-commands.fifo',
  }),
  hop(1_095, {
    kind: 'received',
    eventId: 'cmd-1',
    awsEventId: undefined,
    name: 'ReserveCopy',
    queue: 'catalog-dev-commands.fifo',
    functionName: 'catalog-dev-commands',
    messageId: 'm-2',
    attempt: 1,
  }),
];

describe('timeSpent', () => {
  it('sums the bus, queue and handler time of a trace per place', () => {
    expect(timeSpent(hops)).toEqual([
      {
        phase: 'bus',
        where: 'rule billing-order-events → billing-dev-order-events',
        count: 1,
        totalMs: 10,
        maxMs: 10,
      },
      { phase: 'queue', where: 'billing-dev-order-events', count: 1, totalMs: 20, maxMs: 20 },
      { phase: 'queue', where: 'catalog-dev-commands.fifo', count: 1, totalMs: 5, maxMs: 5 },
      { phase: 'handler', where: 'billing-dev-orderEvents', count: 2, totalMs: 70, maxMs: 50 },
    ]);
  });
});

describe('whereOf', () => {
  it('names the bus, the rule and target, the queue and function', () => {
    expect(hops.slice(0, 4).map(whereOf)).toEqual([
      'mesh-dev',
      'mesh-dev rule billing-order-events',
      'rule billing-order-events → billing-dev-order-events',
      'billing-dev-order-events → billing-dev-orderEvents (billing)',
    ]);
    expect(whereOf(hop(0, { kind: 'delivered', rule: 'r', target: 'arn:aws:lambda:us-east-1:1:function:fn' }))).toBe(
      'rule r → fn',
    );
  });
});

describe('formatTrace', () => {
  it('prints one line per hop with +ms, the attempt, duration and reason, then the time spent', () => {
    const sorted = [...hops].sort((a, b) => a.at - b.at || a.seq - b.seq);
    const trace: Trace = { correlationId: 'cor-1', hops: sorted, spanMs: 1_120, timeSpent: timeSpent(sorted) };
    const lines = formatTrace(trace).split('\n');
    expect(lines[0]).toBe('correlation id cor-1: 9 hop(s) over 1120 ms');
    expect(lines[2]).toMatch(/^\s*\+ms\s+hop\s+name\s+where\s+ms\s+reason$/);
    expect(lines[3]).toMatch(/^\s*\+0\s+published\s+BookLent\s+mesh-dev$/);
    expect(lines.find((line) => line.includes('failed'))).toMatch(
      /\+80\s+failed\s+BookLent\s+billing-dev-order-events → billing-dev-orderEvents \(billing\)\s+50\s+Error: not yet$/,
    );
    expect(lines.find((line) => line.includes('handled'))).toMatch(/\+1120\s+handled #2\s/);
    expect(lines).toContain('Time spent');
    expect(lines.at(-1)).toMatch(/^handler\s+billing-dev-orderEvents\s+2\s+70\s+50$/);
  });
});

describe('logsInsightsQuery', () => {
  it('filters on the correlation id, quoted safely, in time order', () => {
    expect(logsInsightsQuery('cor-"1"')).toBe(
      [
        'fields @timestamp, service, level, message, eventId, commandId, messageId, reason',
        '| filter correlationId = "cor-\\"1\\""',
        '| sort @timestamp asc',
        '| limit 10000',
      ].join('\n'),
    );
  });
});
