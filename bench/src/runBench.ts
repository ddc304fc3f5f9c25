/**
 * `npm run bench`: runs every benchmark, prints tables of figures, targets and ratios, and writes
 * bench/results.json with the machine it ran on (and how busy it was). Not part of `npm test`: speed is
 * measured here, never asserted in a timed test.
 */
import { Console } from 'node:console';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeArgs, parseFlags, UsageError, type ArgSpec } from '@mesh/cli';
import { benchPublisher, benchSubscriber } from '../../packages/bus/bench/bus';
import { BUNDLE_TARGET_BYTES, benchBundles } from './bundles';
import { benchDevReady } from './devReady';
import { benchEndToEnd } from './endToEnd';
import { benchPatternMatching } from '../../packages/offline/bench/patternMatching';
import { benchPoisonToDeadLetter } from './poisonToDeadLetter';
import { benchSideBySide, sideBySideRatios } from './sideBySide';

process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';

/** Issue 7's targets, on 2 cores. */
const TARGETS = {
  endToEnd: { p50Ms: 20, p99Ms: 100, eventsPerSecond: 1000 },
  subscriber: { ratio: 1.1 },
  bundles: { bundleBytes: BUNDLE_TARGET_BYTES },
  /** Issue 15's, every service on 2 cores. */
  devReady: { coldMs: 15_000, warmMs: 8_000 },
};

const FLAGS: ArgSpec[] = [
  { name: 'no-write', kind: 'boolean', description: 'print the figures only; leave bench/results.json as it is' },
  { name: 'only', kind: 'string', value: '<name>[,<name>…]', description: 'run these benchmarks only' },
  { name: 'help', kind: 'boolean', description: 'show this help' },
];

const HELP = `Usage: npm run bench [-- --no-write] [-- --only <name>[,<name>…]]

Runs the benchmarks, prints the figures against their targets and writes bench/results.json unless
--no-write is given. --only runs some of them (devReady, endToEnd, sideBySide, bundles, patternMatching,
publisher, subscriber, deadLetter) and merges their figures into the existing results.json.

  devReady        npm run dev ready time, every service, first start (empty package cache) and warm, with
                  where the time goes step by step; the same for bus + notifications alone
  endToEnd        publish → subscriber's DynamoDB row
                  latency (p50/p99), and each leg of it from the mesh's hop records; sustained events/s;
                  CPU seconds per process during the throughput run
  sideBySide      the same subscriber under our mesh and under serverless-offline-sqs +
                  serverless-offline-aws-eventbridge: latency and events/s, ratios ours/theirs
  bundles         every function's packaged bundle size and what the Powertools layer supplies to it, module
                  init time (and the layer's share of it), biggest contributors
  patternMatching our EventBridge pattern engine
  publisher       PutEvents calls and events/s of @mesh/bus's publisher (fake client)
  subscriber      @mesh/bus's subscriber per-message cost against Powertools' BatchProcessor, bare (ratio) and
                  validating the same contract (ratioValidating), with its metrics on (as deployed) and off
                  (POWERTOOLS_METRICS_DISABLED)
  deadLetter      a poison message (an event breaking its contract) from its send to its dead letter, before
                  (SQS's redrive after maxReceiveCount) and after issue 16 (moved at once); takes 5 minutes

Flags:
${describeArgs(FLAGS)}`;

type Figures = Record<string, unknown>;

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

const STEPS: Record<string, () => Promise<Figures>> = {
  devReady: async () => ({ devReady: await benchDevReady() }),
  endToEnd: async () => {
    const { endToEnd, endToEndLatencyLegs, endToEndCpuSeconds, endToEndCpuMsPerEvent } = await benchEndToEnd();
    return { endToEnd, endToEndLatencyLegs, endToEndCpuSeconds, endToEndCpuMsPerEvent };
  },
  sideBySide: async () => {
    const sideBySide = await benchSideBySide();
    return { sideBySide, sideBySideRatios: sideBySideRatios(sideBySide) };
  },
  bundles: async () => {
    const bundles = await benchBundles();
    const top = (contributors: { module: string; bytes: number }[]) =>
      Object.fromEntries(contributors.map((c) => [c.module, kb(c.bytes)]));
    return {
      bundles: Object.fromEntries(
        bundles.map(({ function: name, service, contributors, layerContributors, ...figures }) => [
          name,
          {
            service,
            bundleKB: kb(figures.bundleBytes),
            zippedKB: kb(figures.zippedBytes),
            layerKB: kb(figures.layerBytes),
            initMs: figures.initMs,
            layerInitMs: figures.layerInitMs,
            ...(figures.initError ? { initError: figures.initError } : {}),
            overTarget: figures.overTarget,
            biggest: top(contributors),
            layerModules: figures.layerModules,
            layerBiggest: top(layerContributors),
          },
        ]),
      ),
    };
  },
  patternMatching: async () => ({ patternMatching: await benchPatternMatching() }),
  deadLetter: async () => {
    const runs = await withStdoutSwallowed(() => benchPoisonToDeadLetter());
    return { deadLetter: Object.fromEntries(runs.map((run) => [run.mode, { millis: run.millis }])) };
  },
  publisher: async () => ({ publisher: await benchPublisher() }),
  // The subscriber as deployed writes its metrics (EMF) to stdout on every batch, which Powertools'
  // BatchProcessor alone does not: measured both ways, the first against the target. Its EMF lines are
  // swallowed here (built and serialised, not written).
  subscriber: async () => {
    const subscriber = await withStdoutSwallowed(() => benchSubscriber());
    process.env.POWERTOOLS_METRICS_DISABLED = 'true';
    try {
      return { subscriber, subscriberMetricsDisabled: await benchSubscriber() };
    } finally {
      delete process.env.POWERTOOLS_METRICS_DISABLED;
    }
  },
};

/**
 * Powertools Metrics writes through a `node:console` Console of its own, made when the subscriber is
 * created, which binds `Console.prototype.log` then: stubbing it meanwhile drops the EMF lines (still built
 * and serialised) without touching this script's own console.
 */
async function withStdoutSwallowed<T>(work: () => Promise<T>): Promise<T> {
  const log = Console.prototype.log;
  Console.prototype.log = () => undefined;
  try {
    return await work();
  } finally {
    Console.prototype.log = log;
  }
}

function machine() {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
  };
}

/** The figures against their targets, one row each. */
function targetRows(results: Figures) {
  const rows: { figure: string; measured: unknown; target: string; met: string }[] = [];
  const endToEnd = results.endToEnd as Record<string, number> | undefined;
  if (endToEnd) {
    rows.push(
      {
        figure: 'end to end p50 (ms)',
        measured: endToEnd.p50Ms,
        target: `≤ ${TARGETS.endToEnd.p50Ms}`,
        met: String(endToEnd.p50Ms! <= TARGETS.endToEnd.p50Ms),
      },
      {
        figure: 'end to end p99 (ms)',
        measured: endToEnd.p99Ms,
        target: `≤ ${TARGETS.endToEnd.p99Ms}`,
        met: String(endToEnd.p99Ms! <= TARGETS.endToEnd.p99Ms),
      },
      {
        figure: 'end to end events/s',
        measured: endToEnd.eventsPerSecond,
        target: `≥ ${TARGETS.endToEnd.eventsPerSecond}`,
        met: String(endToEnd.eventsPerSecond! >= TARGETS.endToEnd.eventsPerSecond),
      },
    );
  }
  const devReady = results.devReady as Record<string, number> | undefined;
  if (devReady) {
    rows.push(
      {
        figure: 'npm run dev ready, first start (ms)',
        measured: devReady.devColdReadyMs,
        target: `≤ ${TARGETS.devReady.coldMs}`,
        met: String(devReady.devColdReadyMs! <= TARGETS.devReady.coldMs),
      },
      {
        figure: 'npm run dev ready, warm (ms)',
        measured: devReady.devWarmReadyMs,
        target: `≤ ${TARGETS.devReady.warmMs}`,
        met: String(devReady.devWarmReadyMs! <= TARGETS.devReady.warmMs),
      },
    );
  }
  const subscriber = results.subscriber as Record<string, number> | undefined;
  if (subscriber) {
    rows.push({
      figure: 'subscriber / Powertools',
      measured: subscriber.ratio,
      target: `≤ ${TARGETS.subscriber.ratio}`,
      met: String(subscriber.ratio! <= TARGETS.subscriber.ratio),
    });
    // Like for like: Powertools validating the same contract, as ours does (issue 7's target is the row above).
    if (subscriber.ratioValidating !== undefined) {
      rows.push({
        figure: 'subscriber / Powertools validating',
        measured: subscriber.ratioValidating,
        target: '-',
        met: '-',
      });
    }
  }
  const bundles = results.bundles as Record<string, { bundleKB: number; overTarget: boolean }> | undefined;
  if (bundles) {
    const over = Object.values(bundles).filter((b) => b.overTarget).length;
    const largest = Math.max(...Object.values(bundles).map((b) => b.bundleKB));
    rows.push({
      figure: 'largest bundle (KB)',
      measured: largest,
      target: `≤ ${kb(TARGETS.bundles.bundleBytes)}`,
      met: `${over} of ${Object.keys(bundles).length} over`,
    });
  }
  return rows;
}

export async function runBenchCli(argv: string[]): Promise<number> {
  let flags;
  try {
    flags = parseFlags(argv, FLAGS);
    const unknownSteps = String(flags.only ?? '')
      .split(',')
      .filter((name) => name && !(name in STEPS));
    if (unknownSteps.length > 0) throw new UsageError(`unknown benchmark ${unknownSteps.join(', ')}`);
    if (flags.only === '') throw new UsageError('--only needs benchmark names');
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`bench: ${error.message}\n\n${HELP}`);
    return 2;
  }
  if (flags.help) {
    console.log(HELP);
    return 0;
  }
  const only = typeof flags.only === 'string' ? flags.only.split(',').filter(Boolean) : undefined;
  const file = path.resolve(__dirname, '../results.json');
  const previous = only && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Figures) : {};
  const results: Figures = {};
  const ranAt: Record<string, string> = { ...(previous.ranAt as Record<string, string> | undefined) };
  const load: Record<string, number[]> = { ...(previous.loadAverage as Record<string, number[]> | undefined) };
  for (const [name, run] of Object.entries(STEPS)) {
    if (only && !only.includes(name)) continue;
    process.stderr.write(`bench: ${name}... `);
    const started = Date.now();
    const before = os.loadavg()[0]!;
    Object.assign(results, await run());
    ranAt[name] = new Date().toISOString();
    // The 1-minute load average before and after each step: above the core count, others shared the cores.
    load[name] = [Math.round(before * 10) / 10, Math.round(os.loadavg()[0]! * 10) / 10];
    process.stderr.write(`done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }

  for (const [key, value] of Object.entries(results)) {
    if (key === 'bundles' || key === 'sideBySide') continue;
    // Step lists (devReady's) are printed as lines by their benchmark, and kept in results.json.
    const rows = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => !Array.isArray(v))
      .map(([figure, v]) => ({
        figure,
        value: typeof v === 'object' ? JSON.stringify(v) : v,
      }));
    console.log(key);
    console.table(rows);
  }
  if (results.sideBySide) {
    console.log('sideBySide (the same subscriber; ratios ours / theirs are in sideBySideRatios)');
    const sides = results.sideBySide as Record<string, Record<string, Record<string, unknown>>>;
    console.table(
      Object.entries(sides).flatMap(([side, pipelines]) =>
        Object.entries(pipelines)
          .filter(([trigger]) => trigger !== 'hops')
          .map(([trigger, f]) => ({
            pipeline: `${side} ${trigger}`,
            p50Ms: f.p50Ms,
            p99Ms: f.p99Ms,
            eventsPerSecond: f.eventsPerSecond,
            problem: String(f.latencyError ?? f.throughputError ?? '').slice(0, 120),
          })),
      ),
    );
    if (sides.ours?.hops) {
      console.log('our SQS path, each hop alone (median ms)');
      console.table(sides.ours.hops);
    }
  }
  if (results.bundles) {
    console.log(
      `bundles (target ≤ ${kb(BUNDLE_TARGET_BYTES)} KB minified per function, its own bundle; ` +
        'layer KB: what the Powertools layer supplies to it, loaded at cold start too)',
    );
    const top = (biggest: unknown) =>
      Object.entries((biggest ?? {}) as Record<string, number>)
        .slice(0, 3)
        .map(([m, size]) => `${m} ${size}`)
        .join(', ');
    console.table(
      Object.entries(results.bundles as Record<string, Record<string, unknown>>).map(([name, b]) => ({
        function: name,
        KB: b.bundleKB,
        zippedKB: b.zippedKB,
        'layer KB': b.layerKB,
        initMs: b.initMs,
        'of which layer': b.layerInitMs,
        over: b.overTarget ? 'OVER' : '',
        biggest: top(b.biggest),
        'layer biggest': top(b.layerBiggest),
      })),
    );
  }
  const merged: Figures = { ...previous, ...results };
  for (const key of ['ranAt', 'machine', 'loadAverage', 'note', 'targets']) delete merged[key];
  console.log('against the targets');
  console.table(targetRows(merged));

  if (!flags['no-write']) {
    const cores = os.cpus().length;
    const note = loadNote(cores, load, ranAt, merged.endToEndCpuSeconds as Record<string, number> | undefined);
    const document = {
      ranAt,
      machine: machine(),
      loadAverage: load,
      note,
      targets: TARGETS,
      ...merged,
    };
    // In the repository's Prettier style, so `npm run lint` passes on the committed file.
    const prettier = await import('prettier');
    const options = (await prettier.resolveConfig(file)) ?? {};
    writeFileSync(file, await prettier.format(JSON.stringify(document, null, 2), { ...options, parser: 'json' }));
    console.log(`bench: wrote ${path.relative(process.cwd(), file)}`);
  }
  return 0;
}

/**
 * How busy the machine was. The load average during a benchmark counts its own processes (the mesh, the
 * emulators), and the 1-minute average lingers after one benchmark into the next, so neither says whether
 * anything else competed: the throughput run's CPU-seconds used outside the mesh's processes (from /proc) do.
 */
function loadNote(
  cores: number,
  load: Record<string, number[]>,
  ranAt: Record<string, string>,
  cpuSeconds: Record<string, number> | undefined,
): string {
  // Each benchmark's own load (results.json keeps earlier runs' figures beside this run's). Its own processes
  // count in it (a whole mesh is several busy ones), so only a load over 4 per core names it as run when busy.
  const busy = Object.entries(load)
    .filter(([, averages]) => Math.max(...averages) > cores * 4)
    .map(([name, averages]) => `${name} (${ranAt[name]?.slice(0, 10) ?? '?'}, load up to ${Math.max(...averages)})`);
  const during =
    `1-minute load average at each benchmark's start and end in loadAverage (its own processes included)` +
    (busy.length > 0 ? `; run on a busy machine, so pessimistic: ${busy.join(', ')}` : '');
  const rest = cpuSeconds?.['rest of the machine'];
  const wall = cpuSeconds?.['wall seconds'];
  if (rest === undefined || wall === undefined) {
    return `${during}; whether other work competed is unknown (no endToEnd figures).`;
  }
  const offered = Math.round(cores * wall * 10) / 10;
  const competed = rest > offered * 0.1;
  return (
    `${during}; during the endToEnd throughput run (${ranAt.endToEnd?.slice(0, 10) ?? '?'}), processes outside the ` +
    `mesh used ${rest} of the ${offered} CPU-seconds the ${cores} cores offered` +
    (competed
      ? ': other work competed for the CPU, so timings are pessimistic and noisy.'
      : ': nothing else competed for the CPU.')
  );
}
