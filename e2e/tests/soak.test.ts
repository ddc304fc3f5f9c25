import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_SOAK_OPTIONS, formatReport, runSoak, type SoakReport } from '../src/soak';

const ROOT = path.resolve(__dirname, '../..');

/**
 * The short soak of `npm test` (`npm run soak` runs the long one: 10,000 orders by default): 500 orders, as
 * issue 7 asks of CI, SOAK_ORDERS to change it. About 4 minutes on this project's 2-core machines, most of it
 * the killed processes' messages waiting out their queue's own 60 s visibility timeout; every kind of order and
 * every fault of the long soak occur. Bad inputs are left to the long soak: refused by the function itself, a
 * bad input comes back on that 60 s timeout five times before reaching its DLQ.
 */
const ORDERS = Number(process.env.SOAK_ORDERS ?? 500);

describe('the soak: the order saga under injected faults', () => {
  let report: SoakReport;

  beforeAll(async () => {
    report = await runSoak({
      ...DEFAULT_SOAK_OPTIONS,
      orders: ORDERS,
      stage: 'soaktest',
      badInputs: 0,
      settleTimeoutSeconds: 300,
      rootDir: ROOT,
      logFile: path.join(mkdtempSync(path.join(os.tmpdir(), 'soak-')), 'services.log'),
    });
    console.log(formatReport(report));
  }, 900_000);

  it('injected every kind of fault', () => {
    const { totals } = report.faults;
    expect(totals.failBefore).toBeGreaterThan(0);
    expect(totals.failAfter).toBeGreaterThan(0);
    expect(totals.duplicates).toBeGreaterThan(0);
    expect(totals.shuffledBatches).toBeGreaterThan(0);
    expect(totals.kills).toBeGreaterThan(0);
  });

  it('exercised every end of the saga', () => {
    expect(Object.keys(report.result.ends)).toEqual(
      expect.arrayContaining([
        'CONFIRMED',
        'CANCELLED STOCK_REJECTED',
        'CANCELLED PAYMENT_DECLINED',
        'CANCELLED CUSTOMER_REQUEST',
      ]),
    );
  });

  it('lost no order, ended each as expected, captured nothing twice, conserved stock, explained every DLQ message and left nothing in flight', () => {
    expect(report.result.violations).toEqual([]);
    expect(report.passed).toBe(true);
  });
});
