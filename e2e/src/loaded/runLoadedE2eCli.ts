import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { describeArgs, parseFlags, UsageError, type ArgSpec, type CliIo } from '@mesh/cli';
import { saturateCpu } from './saturateCpu';

const FLAGS: ArgSpec[] = [
  {
    name: 'busy',
    kind: 'count',
    value: '<n>',
    description: 'busy processes spinning meanwhile, twice the cores by default',
  },
  { name: 'runs', kind: 'count', value: '<n>', description: 'runs in a row, 2 by default; stops at the first red one' },
  { name: 'with-soak', kind: 'boolean', description: 'run the soak test too (minutes longer)' },
  { name: 'help', kind: 'boolean', description: 'show this help' },
];

export const LOADED_E2E_HELP = `Usage: npm run test:e2e:loaded [-- <flags>]

Runs the end-to-end tests (e2e/tests, the soak aside) while other processes keep every core busy, as on a
machine shared with other engineers, --runs times in a row. Exits 0 when every run was green, 1 when one was
not, 2 on a bad command line.

Flags:
${describeArgs(FLAGS)}`;

function runJest(rootDir: string, withSoak: boolean): Promise<number> {
  const args = [
    // jest's package exports only its API: its CLI is found beside its package.json.
    path.join(path.dirname(require.resolve('jest/package.json')), 'bin/jest.js'),
    // The files that start their own mesh (service) and those that share one (e2e).
    '--selectProjects',
    'service',
    'e2e',
    '--testPathPatterns',
    `^${rootDir}/e2e/tests/`,
    ...(withSoak ? [] : ['--testPathIgnorePatterns', 'soak\\.test\\.ts$']),
  ];
  const child = spawn(process.execPath, args, { cwd: rootDir, stdio: 'inherit' });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
}

/**
 * `npm run test:e2e:loaded`: the e2e tests under a saturated CPU, run after run. Resolves with the exit code.
 *
 * @example
 * process.exitCode = await runLoadedE2eCli(['--runs', '2'], processIo(), repoRoot);
 */
export async function runLoadedE2eCli(argv: readonly string[], io: CliIo, rootDir: string): Promise<number> {
  let flags;
  try {
    flags = parseFlags(argv, FLAGS, io.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err.write(`test:e2e:loaded: ${error.message}\n\n${LOADED_E2E_HELP}\n`);
    return 2;
  }
  if (flags.help) {
    io.out.write(`${LOADED_E2E_HELP}\n`);
    return 0;
  }
  const busy = typeof flags.busy === 'number' ? flags.busy : 2 * os.availableParallelism();
  const runs = typeof flags.runs === 'number' ? flags.runs : 2;
  const results: string[] = [];
  for (let run = 1; run <= runs; run += 1) {
    const load = saturateCpu(busy);
    const started = performance.now();
    io.err.write(
      `test:e2e:loaded: run ${run}/${runs} with ${busy} busy processes on ${os.availableParallelism()} cores\n`,
    );
    let code: number;
    try {
      code = await runJest(path.resolve(rootDir), flags['with-soak'] === true);
    } finally {
      await load.stop();
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    results.push(
      `run ${run}: ${code === 0 ? 'green' : 'red'} in ${seconds} s (load average ${os.loadavg()[0]!.toFixed(1)})`,
    );
    if (code !== 0) break;
  }
  io.err.write(`\ntest:e2e:loaded:\n${results.map((line) => `  ${line}`).join('\n')}\n`);
  return results.length === runs && results.every((line) => line.includes('green')) ? 0 : 1;
}
