import { UsageError } from '@mesh/cli';
import type { Hop } from '@mesh/offline';
import type { OpsCommand } from './context';
import { formatTable } from '@mesh/cli';

/** Hops asked for at once: the recorder's default capacity, so a trace is never cut short by the query. */
const TRACE_LIMIT = 50_000;

/** The edge does not serve hops: it is not the offline mesh (or an older one). */
export class HopsUnavailableError extends Error {
  override readonly name = 'HopsUnavailableError';
}

/** No hop of that correlation id is recorded. */
export class TraceNotFoundError extends Error {
  override readonly name = 'TraceNotFoundError';
}

/** Time spent in one phase at one place, over every hop of a trace. */
export interface TimeSpent {
  /** `bus` (PutEvents → delivered to a target), `queue` (delivered or sent → received), `handler` (an invocation). */
  phase: 'bus' | 'queue' | 'handler';
  where: string;
  count: number;
  totalMs: number;
  maxMs: number;
}

export interface Trace {
  correlationId: string;
  /** In time order (then recording order). */
  hops: Hop[];
  /** From the first hop to the last. */
  spanMs: number;
  timeSpent: TimeSpent[];
}

/**
 * Reads every hop of one correlation id from the offline mesh's edge (`GET /_mesh/hops`), in time order.
 * Throws {@link HopsUnavailableError} when the endpoint does not serve hops, {@link TraceNotFoundError} when
 * none is recorded; a connection failure throws the `fetch` error (the CLI explains it).
 *
 * @example
 * const trace = await readTrace('http://127.0.0.1:4566', 'demo-1');
 * console.log(trace.hops.length, trace.spanMs);
 */
export async function readTrace(endpoint: string, correlationId: string): Promise<Trace> {
  const url = new URL('/_mesh/hops', endpoint);
  url.searchParams.set('correlationId', correlationId);
  url.searchParams.set('limit', String(TRACE_LIMIT));
  const response = await fetch(url);
  const text = await response.text();
  let body: { hops?: Hop[]; error?: string } | undefined;
  try {
    body = JSON.parse(text) as { hops?: Hop[]; error?: string };
  } catch {
    body = undefined;
  }
  if (!response.ok || !Array.isArray(body?.hops)) {
    throw new HopsUnavailableError(
      `${endpoint} does not serve the mesh's hops (GET /_mesh/hops answered ${response.status}` +
        `${body?.error ? `: ${body.error}` : ''}); is it the edge of \`npm run dev\`?`,
    );
  }
  if (body.hops.length === 0) {
    throw new TraceNotFoundError(
      `no hop recorded for correlation id "${correlationId}" at ${endpoint}: the mesh records hops since it ` +
        "started and keeps the latest 50,000 (an HTTP request's x-correlation-id, or an event's " +
        'detail.correlationId; `npm run mesh -- tail` shows them)',
    );
  }
  const hops = [...body.hops].sort((a, b) => a.at - b.at || a.seq - b.seq);
  return { correlationId, hops, spanMs: hops.at(-1)!.at - hops[0]!.at, timeSpent: timeSpent(hops) };
}

const shortTarget = (arn: string | undefined) =>
  arn
    ?.split(':')
    .at(-1)
    ?.replace(/^function:/, '') ?? '';

/** Where a hop happened: the bus, the rule and its target, the queue and the function. */
export function whereOf(hop: Hop): string {
  switch (hop.kind) {
    case 'published':
      return hop.bus ?? '';
    case 'matched':
      return `${hop.bus ?? ''} rule ${hop.rule ?? ''}`;
    case 'delivered':
    case 'target-failed':
    case 'dead-lettered':
    case 'dropped':
      return [hop.rule && `rule ${hop.rule}`, hop.queue ?? shortTarget(hop.target)].filter(Boolean).join(' → ');
    case 'sent':
      return hop.queue ?? '';
    default:
      return [hop.queue, hop.functionName && `${hop.functionName}${hop.service ? ` (${hop.service})` : ''}`]
        .filter(Boolean)
        .join(' → ');
  }
}

/**
 * Sums the time a trace spent per phase and place: the bus (an event's `published` → its `delivered` to each
 * target), the queue (`delivered` or `sent` → the first `received` from that queue after it) and the handler
 * (each invocation's `durationMs`).
 */
export function timeSpent(hops: readonly Hop[]): TimeSpent[] {
  const rows = new Map<string, TimeSpent>();
  const add = (phase: TimeSpent['phase'], where: string, ms: number) => {
    const key = `${phase}\u0000${where}`;
    const row = rows.get(key) ?? { phase, where, count: 0, totalMs: 0, maxMs: 0 };
    row.count += 1;
    row.totalMs += ms;
    row.maxMs = Math.max(row.maxMs, ms);
    rows.set(key, row);
  };
  for (const hop of hops) {
    if (hop.kind === 'delivered') {
      const published = hops.find((p) => p.kind === 'published' && p.awsEventId === hop.awsEventId && p.seq < hop.seq);
      if (published) add('bus', whereOf(hop), hop.at - published.at);
    }
    if ((hop.kind === 'delivered' || hop.kind === 'sent') && hop.queue) {
      const received = hops.find(
        (r) =>
          r.kind === 'received' &&
          r.queue === hop.queue &&
          r.eventId === hop.eventId &&
          r.at >= hop.at &&
          r.seq !== hop.seq,
      );
      if (received) add('queue', hop.queue, received.at - hop.at);
    }
    if ((hop.kind === 'handled' || hop.kind === 'failed') && hop.durationMs !== undefined) {
      add('handler', hop.functionName ?? hop.queue ?? '?', hop.durationMs);
    }
  }
  const order = { bus: 0, queue: 1, handler: 2 };
  return [...rows.values()].sort((a, b) => order[a.phase] - order[b.phase] || b.totalMs - a.totalMs);
}

/** The trace as text: one hop a line (+ms since the first, hop, name, where, duration, reason), then the time spent. */
export function formatTrace(trace: Trace): string {
  const first = trace.hops[0]!.at;
  const hopRows = trace.hops.map((hop) => [
    `+${hop.at - first}`,
    hop.attempt !== undefined && hop.attempt > 1 ? `${hop.kind} #${hop.attempt}` : hop.kind,
    hop.name ?? '',
    whereOf(hop),
    hop.durationMs !== undefined ? `${hop.durationMs}` : '',
    hop.reason ?? (hop.kind === 'target-failed' && hop.willRetry ? 'retrying' : ''),
  ]);
  const spentRows = trace.timeSpent.map((row) => [
    row.phase,
    row.where,
    String(row.count),
    String(row.totalMs),
    String(row.maxMs),
  ]);
  return [
    `correlation id ${trace.correlationId}: ${trace.hops.length} hop(s) over ${trace.spanMs} ms`,
    '',
    formatTable(['+ms', 'hop', 'name', 'where', 'ms', 'reason'], hopRows, { alignRight: [0, 4] }),
    '',
    'Time spent',
    formatTable(['phase', 'where', 'hops', 'total ms', 'max ms'], spentRows, { alignRight: [2, 3, 4] }),
  ].join('\n');
}

/** The CloudWatch Logs Insights query that follows one correlation id through the services' logs on AWS. */
export function logsInsightsQuery(correlationId: string): string {
  const quoted = correlationId.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  return [
    'fields @timestamp, service, level, message, eventId, commandId, messageId, reason',
    `| filter correlationId = "${quoted}"`,
    '| sort @timestamp asc',
    '| limit 10000',
  ].join('\n');
}

export const traceCommand: OpsCommand = {
  name: 'trace',
  summary: 'every hop of one correlation id, with timings (offline)',
  usage: 'trace <correlationId>',
  description: `Follows one correlation id (an HTTP request's x-correlation-id, carried by every event and command it
causes) hop by hop through the offline mesh: published, matched, delivered (or target-failed, dead-lettered,
dropped) on the bus; sent, received, handled or failed at each queue and function. One line per hop, in time
order: +ms since the first hop, the hop, the event or command, where (bus, rule, queue, function), its
duration and, for a failure, why. Then the time spent per phase: the bus (PutEvents → delivered), the queue
(delivered → received) and the handler (the invocation).

The offline mesh records the hops (GET /_mesh/hops on the edge; the latest 50,000). AWS keeps no such record:
with --aws the command exits 1 and prints the CloudWatch Logs Insights query to run instead (X-Ray's trace map
shows the same path). An unknown correlation id exits 1.`,
  args: ['correlationId'],
  flags: [],
  remote: true,
  async run(ctx, [correlationId]) {
    if (!correlationId) throw new UsageError('the correlation id is empty');
    if (ctx.aws) {
      const query = logsInsightsQuery(correlationId);
      const message =
        'hops are recorded by the offline mesh only; on AWS, follow the correlation id in the X-Ray trace map ' +
        `(CloudWatch → X-Ray traces → Trace Map) or with this CloudWatch Logs Insights query over the log groups ` +
        `/aws/lambda/*-${ctx.stage}-*`;
      if (ctx.json) {
        ctx.io.out.write(
          `${JSON.stringify({ error: { name: 'HopsUnavailableError', message, logsInsightsQuery: query } }, null, 2)}\n`,
        );
      } else {
        ctx.io.err.write(`mesh trace: ${message}:\n`);
        ctx.io.out.write(`${query}\n`);
      }
      return 1;
    }
    const trace = await readTrace(ctx.endpoint!, correlationId);
    ctx.io.out.write(ctx.json ? `${JSON.stringify(trace, null, 2)}\n` : `${formatTrace(trace)}\n`);
    return 0;
  },
};
