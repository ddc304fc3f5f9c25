import {
  describeArgs,
  parseFlags,
  processIo,
  progressDisplay,
  runUntilSignal,
  UsageError,
  type ArgSpec,
  type CliIo,
} from '@mesh/cli';
import { formatEmulatorsBanner } from '../runner/banner';
import { startEmulators } from '../runner/startEmulators';
import { listOf } from './listOf';

const FLAGS: ArgSpec[] = [
  { name: 'edge-port', kind: 'port', env: 'MESH_EDGE_PORT', description: 'edge endpoint port, 4566 by default' },
  {
    name: 'persist',
    kind: 'optionalString',
    description: 'keep DynamoDB tables on disk (in .mesh/data, or the given directory)',
  },
  {
    name: 'allow-host',
    kind: 'string',
    env: 'MESH_ALLOW_HOSTS',
    description: 'hosts (comma-separated) the edge serves besides the loopback, e.g. devbox.lan',
  },
  { name: 'help', kind: 'boolean', description: 'show this help' },
];

export const EMULATORS_HELP = `Usage: npm run emulators [-- <flags>]

Starts the offline AWS parts alone (no services) behind one edge endpoint on 127.0.0.1:
SQS and S3 (fauxqs), DynamoDB and Streams (DynamoDB Local), EventBridge (in-process).
Point any AWS SDK v3 client or the AWS CLI at it with AWS_ENDPOINT_URL. Ctrl-C stops everything.

Flags:
${describeArgs(FLAGS)}`;

/**
 * `npm run emulators`: parses `argv`, starts the emulators with a progress line per step, prints the banner
 * and runs until Ctrl-C / SIGTERM. Resolves with the exit code (2 for a bad command line).
 *
 * @example
 * process.exitCode = await runEmulatorsCli(process.argv.slice(2));
 */
export async function runEmulatorsCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let flags;
  try {
    flags = parseFlags(argv, FLAGS, io.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err.write(`emulators: ${error.message}\n\n${EMULATORS_HELP}\n`);
    return 2;
  }
  if (flags.help) {
    io.out.write(`${EMULATORS_HELP}\n`);
    return 0;
  }
  const persistDir = flags.persist === true ? '.mesh/data' : (flags.persist as string | undefined);
  const started = performance.now();
  io.err.write('Starting the offline AWS emulators…\n');
  return runUntilSignal(
    io,
    async (signal) => {
      const emulators = await startEmulators({
        edgePort: (flags['edge-port'] as number | undefined) ?? 4566,
        ...(persistDir ? { persistDir } : {}),
        ...(flags['allow-host'] ? { allowedHosts: listOf(flags['allow-host']) } : {}),
        onStep: progressDisplay(io.err),
      });
      if (signal.aborted) {
        await emulators.stop();
        throw new Error('interrupted before the emulators were ready');
      }
      return emulators;
    },
    (emulators) => io.out.write(`${formatEmulatorsBanner(emulators, performance.now() - started)}\n`),
    (error) => `emulators failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
}
