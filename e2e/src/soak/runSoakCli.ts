import path from 'node:path';
import { describeArgs, parseFlags, UsageError, type ArgSpec } from '@mesh/cli';
import { progressDisplay } from '@mesh/cli';
import { formatReport } from './formatReport';
import { DEFAULT_SOAK_OPTIONS, runSoak, type SoakOptions, type SoakProgress } from './runSoak';

const D = DEFAULT_SOAK_OPTIONS;
const FLAGS: ArgSpec[] = [
  { name: 'orders', kind: 'string', description: `orders to place, ${D.orders} by default` },
  { name: 'seed', kind: 'string', description: `seeds the order mix and every fault, "${D.seed}" by default` },
  { name: 'stage', kind: 'string', description: `the mesh's stage, "${D.stage}" by default` },
  { name: 'concurrency', kind: 'string', description: `POST /orders in flight at once, ${D.concurrency} by default` },
  { name: 'max-open', kind: 'string', description: `orders placed and not yet ended at most, ${D.maxOpen} by default` },
  { name: 'failure-rate', kind: 'string', description: `share of deliveries failed, ${D.failureRate} by default` },
  {
    name: 'fail-after-share',
    kind: 'string',
    description: `share of those failed after the function ran, ${D.failAfterShare} by default`,
  },
  {
    name: 'duplicate-rate',
    kind: 'string',
    description: `share of deliveries made twice, ${D.duplicateRate} by default`,
  },
  { name: 'no-shuffle', kind: 'boolean', description: "keep standard queues' batches in order" },
  {
    name: 'retry-visibility',
    kind: 'string',
    description: `seconds before an injected failure is retried, ${D.retryVisibilitySeconds} by default; "queue": the queue's timeout`,
  },
  { name: 'kills', kind: 'string', description: `processes killed mid-batch and restarted, ${D.kills} by default` },
  {
    name: 'kill-services',
    kind: 'string',
    description: `whose processes (comma-separated), ${D.killServices.join(',')} by default (see README)`,
  },
  {
    name: 'bad-inputs',
    kind: 'string',
    description: `contract-breaking events published on purpose, ${D.badInputs} by default`,
  },
  {
    name: 'settle-timeout',
    kind: 'string',
    description: `seconds allowed after the last order to end and drain, ${D.settleTimeoutSeconds} by default`,
  },
  { name: 'log-file', kind: 'string', description: "the services' logs, .mesh/soak/<stage>.log by default" },
  { name: 'json', kind: 'boolean', description: 'print the report as JSON on stdout' },
  { name: 'help', kind: 'boolean', description: 'show this help' },
];

export const SOAK_HELP = `Usage: npm run soak [-- <flags>]

Starts the whole mesh offline (as npm run dev does, on free ports and a stage of its own) with faults injected
between its queues and its functions — failed deliveries (before, or after the function ran), duplicate
deliveries, shuffled standard-queue batches, subscribers' processes killed mid-batch and restarted — places
orders of every kind through the orders API (confirmed, stock-rejected, payment-declined, customer-cancelled),
then checks: no order lost, each order's end as expected, no double capture (nor a capture kept for a
cancelled order), stock conserved, every DLQ message explained, nothing left in flight.
Prints a table (or --json) and exits 0 when every check passed, 1 on any violation or failure, 2 on a bad
command line. Failed injected deliveries come back after --retry-visibility seconds instead of the queue's
visibility timeout (time compressed; receive counts and the redrive to the DLQ are SQS's own).

Flags:
${describeArgs(FLAGS).replace(/(<value>)(?=\S)/g, '$1  ')}`;

interface SoakIo {
  out: { write(text: string): unknown };
  err: { write(text: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

function number(flags: Record<string, unknown>, name: string, fallback: number, check: (n: number) => boolean): number {
  const raw = flags[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw === '' || !Number.isFinite(value) || !check(value))
    throw new UsageError(`--${name}: "${String(raw)}" is out of range`);
  return value;
}

const whole = (min: number) => (n: number) => Number.isInteger(n) && n >= min;
const share = (n: number) => n >= 0 && n <= 1;

/** The soak's options from the command line (defaults from {@link DEFAULT_SOAK_OPTIONS}). */
export function soakOptionsFrom(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  rootDir: string,
): SoakOptions | 'help' {
  const flags = parseFlags(argv, FLAGS, env);
  if (flags.help) return 'help';
  const stage = typeof flags.stage === 'string' ? flags.stage : D.stage;
  if (!/^[a-z][a-z0-9]{0,15}$/.test(stage))
    throw new UsageError(`--stage must be lower-case letters and digits, not "${stage}"`);
  const retry = flags['retry-visibility'];
  const options: SoakOptions = {
    ...D,
    rootDir,
    stage,
    seed: typeof flags.seed === 'string' ? flags.seed : D.seed,
    orders: number(flags, 'orders', D.orders, whole(1)),
    concurrency: number(flags, 'concurrency', D.concurrency, whole(1)),
    maxOpen: number(flags, 'max-open', D.maxOpen, whole(1)),
    failureRate: number(flags, 'failure-rate', D.failureRate, share),
    failAfterShare: number(flags, 'fail-after-share', D.failAfterShare, share),
    duplicateRate: number(flags, 'duplicate-rate', D.duplicateRate, share),
    shuffle: !flags['no-shuffle'],
    kills: number(flags, 'kills', D.kills, whole(0)),
    badInputs: number(flags, 'bad-inputs', D.badInputs, whole(0)),
    settleTimeoutSeconds: number(flags, 'settle-timeout', D.settleTimeoutSeconds, whole(1)),
    logFile: path.resolve(
      rootDir,
      typeof flags['log-file'] === 'string' ? flags['log-file'] : `.mesh/soak/${stage}.log`,
    ),
  };
  if (retry === 'queue') delete options.retryVisibilitySeconds;
  else options.retryVisibilitySeconds = number(flags, 'retry-visibility', D.retryVisibilitySeconds!, whole(0));
  if (typeof flags['kill-services'] === 'string') {
    options.killServices = flags['kill-services']
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
  if (options.failureRate + options.duplicateRate > 1)
    throw new UsageError('--failure-rate + --duplicate-rate must not exceed 1');
  return options;
}

/** One progress line: orders placed and ended, messages still queued, faults so far. */
export function formatProgress(p: SoakProgress): string {
  const f = p.faults;
  return (
    `${p.phase === 'placing' ? 'placing ' : 'settling'} ${(p.elapsedMs / 1000).toFixed(0).padStart(5)} s  ` +
    `placed ${p.placed}/${p.total}  ended ${p.ended}  queued ${p.backlog < 0 ? '?' : p.backlog}  ` +
    `faults: ${f.failBefore + f.failAfter} failed, ${f.duplicates} duplicated, ${f.shuffledBatches} shuffled, ${f.kills} killed`
  );
}

/**
 * `npm run soak`: parses `argv`, runs the soak with a progress line, prints the report (or JSON) and resolves
 * with the exit code: 0 passed, 1 violations or a failure, 2 a bad command line.
 *
 * @example
 * process.exitCode = await runSoakCli(process.argv.slice(2), process.cwd());
 */
export async function runSoakCli(
  argv: readonly string[],
  rootDir: string,
  io: SoakIo = { out: process.stdout, err: process.stderr, env: process.env },
): Promise<number> {
  let options: SoakOptions | 'help';
  try {
    options = soakOptionsFrom(argv, io.env, rootDir);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err.write(`soak: ${error.message}\n\n${SOAK_HELP}\n`);
    return 2;
  }
  if (options === 'help') {
    io.out.write(`${SOAK_HELP}\n`);
    return 0;
  }
  const tty = io.err.isTTY === true;
  let lastLine = 0;
  io.err.write(`soak: starting the mesh (stage ${options.stage}); logs in ${options.logFile}\n`);
  try {
    const report = await runSoak({
      ...options,
      onStep: progressDisplay(io.err),
      onProgress: (progress) => {
        const line = formatProgress(progress);
        if (tty) io.err.write(`\r${line}\u001b[K`);
        else if (Date.now() - lastLine >= 10_000) {
          lastLine = Date.now();
          io.err.write(`${line}\n`);
        }
      },
    });
    if (tty) io.err.write('\n');
    const json = argv.includes('--json');
    io.out.write(`${json ? JSON.stringify(report, null, 2) : formatReport(report)}\n`);
    return report.passed ? 0 : 1;
  } catch (error) {
    if (tty) io.err.write('\n');
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    io.err.write(`soak: failed before its checks could run: ${message}\n(logs: ${options.logFile})\n`);
    return 1;
  }
}
