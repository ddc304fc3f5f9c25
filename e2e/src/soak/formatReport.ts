import { formatTable } from '@mesh/cli';
import { CHECKS } from './checks';
import type { SoakReport } from './runSoak';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const MAX_VIOLATIONS_SHOWN = 50;

/**
 * The soak's report as text: the verdict, timings, orders by end and kind, faults injected, stock per SKU,
 * DLQ messages with their explanation, each check's result and the violations (the first 50).
 *
 * @example
 * console.log(formatReport(await runSoak(options)));
 */
export function formatReport(report: SoakReport): string {
  const { figures, faults, result, options } = report;
  const out: string[] = [];
  const verdict = report.passed ? 'PASSED' : `FAILED: ${result.violations.length} violation(s)`;
  out.push(`Soak of ${options.orders} orders (seed ${options.seed}, stage ${options.stage}): ${verdict}`);
  out.push(
    `mesh ready in ${seconds(figures.readyMs)}; orders placed in ${seconds(figures.placingMs)}, ` +
      `all ended in ${seconds(figures.runMs)} (${figures.ordersPerSecond} orders/s), queues drained in ` +
      `${seconds(figures.settledMs)}${figures.settledInTime ? '' : ' (settle timeout reached)'}; ` +
      `${figures.clientRetries} client retries`,
  );
  out.push('');

  const ends = Object.keys(result.ends).sort();
  const kinds = Object.keys(result.kinds).sort();
  out.push(
    formatTable(
      ['kind', ...ends, 'total'],
      [
        ...kinds.map((kind) => {
          const row = result.kinds[kind]!;
          return [
            kind,
            ...ends.map((end) => String(row[end] ?? 0)),
            String(Object.values(row).reduce((a, b) => a + b, 0)),
          ];
        }),
        ['all', ...ends.map((end) => String(result.ends[end] ?? 0)), String(result.ordersInTable)],
      ],
      { alignRight: ends.map((_, i) => i + 1).concat(ends.length + 1) },
    ),
  );
  out.push(
    `captured ${result.captures}, refunded ${result.refunds}; ${result.createdTwice} order(s) created twice by a retried POST`,
  );
  out.push('');

  const t = faults.totals;
  const kills = faults.kills
    .filter((k) => k.midBatch)
    .map((k) => `${k.service} (${k.messageIds.length} msg, down ${k.downMs === undefined ? '?' : seconds(k.downMs)})`);
  out.push(
    formatTable(
      ['fault injected', 'count'],
      [
        ['deliveries seen', String(t.deliveries)],
        ['batches (standard ones shuffled)', `${t.batches} (${t.shuffledBatches})`],
        ['failed before the function', String(t.failBefore)],
        ['failed after the function ran', String(t.failAfter)],
        ['delivered twice', String(t.duplicates)],
        ['processes killed mid-batch (and after a batch)', `${t.kills} (${t.killsAfterBatch})`],
        ["function's own failures (not injected)", String(t.functionFailures)],
      ],
      { alignRight: [1] },
    ),
  );
  if (kills.length > 0) out.push(`killed: ${kills.join(', ')}`);
  out.push('');

  out.push(
    formatTable(
      ['sku', 'initial', 'on hand', 'available', 'sold (confirmed)', 'other reserved'],
      result.stock.map((s) => [s.sku, s.initial, s.onHand, s.available, s.sold, s.strayReserved].map(String)),
      { alignRight: [1, 2, 3, 4, 5] },
    ),
  );
  out.push('');

  if (result.dlq.length > 0) {
    out.push(
      formatTable(
        ['DLQ', 'message', 'explained', 'why'],
        result.dlq.map((d) => [d.queue, d.what, d.explained ? 'yes' : 'NO', d.reason]),
      ),
    );
  } else {
    out.push('DLQs: empty');
  }
  out.push('');

  out.push(
    formatTable(
      ['check', 'result'],
      CHECKS.map((check) => {
        const count = result.violations.filter((v) => v.check === check).length;
        return [check, count === 0 ? 'ok' : `${count} violation(s)`];
      }),
    ),
  );
  if (result.violations.length > 0) {
    out.push('');
    for (const v of result.violations.slice(0, MAX_VIOLATIONS_SHOWN))
      out.push(`✗ ${v.check}: ${v.subject}: ${v.detail}`);
    if (result.violations.length > MAX_VIOLATIONS_SHOWN) {
      out.push(`… and ${result.violations.length - MAX_VIOLATIONS_SHOWN} more (--json lists them all)`);
    }
  }
  return out.join('\n');
}
