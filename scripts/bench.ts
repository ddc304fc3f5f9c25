/**
 * `npm run bench`: runs every benchmark, prints a table of figures and ratios, and writes
 * bench/results.json with the machine it ran on. Not part of `npm test`: speed is measured here, never
 * asserted in a timed test.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchPublisher, benchSubscriber } from '../packages/bus/bench/bus';
import { benchEndToEnd } from '../packages/offline/bench/endToEnd';
import { benchPatternMatching } from '../packages/offline/bench/patternMatching';

process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';

const HELP = `Usage: npm run bench [-- --no-write]

Runs the benchmarks (offline end to end: ready time and publish-to-handled latency; pattern matching;
publisher; subscriber overhead), prints the figures and writes
bench/results.json unless --no-write is given.`;

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  const unknown = argv.filter((a) => a !== '--no-write');
  if (unknown.length > 0) {
    console.error(`bench: unknown argument ${unknown.join(' ')}\n\n${HELP}`);
    return 2;
  }
  const steps: [string, () => Promise<Record<string, number>>][] = [
    // The shape: { endToEnd: { p50Ms, p99Ms, eventsPerSecond }, ... }.
    ['endToEnd', async () => ({ ...(await benchEndToEnd()) })],
    ['patternMatching', async () => ({ ...(await benchPatternMatching()) })],
    ['publisher', async () => ({ ...(await benchPublisher()) })],
    ['subscriber', async () => ({ ...(await benchSubscriber()) })],
  ];
  const results: Record<string, Record<string, number>> = {};
  for (const [name, run] of steps) {
    process.stderr.write(`bench: ${name}... `);
    const started = Date.now();
    results[name] = await run();
    process.stderr.write(`done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  const rows = Object.entries(results).flatMap(([name, figures]) =>
    Object.entries(figures).map(([figure, value]) => ({ benchmark: name, figure, value })),
  );
  console.table(rows);
  if (!argv.includes('--no-write')) {
    const file = path.resolve(__dirname, '../bench/results.json');
    const machine = {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
    };
    writeFileSync(file, `${JSON.stringify({ ranAt: new Date().toISOString(), machine, ...results }, null, 2)}\n`);
    console.log(`bench: wrote ${path.relative(process.cwd(), file)}`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
