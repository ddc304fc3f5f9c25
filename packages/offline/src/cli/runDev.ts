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
import { formatReadyBanner } from '../runner/banner';
import type { StartMeshConsole } from '../runner/meshTypes';
import { startMesh } from '../runner/startMesh';
import { listOf } from './listOf';

const FLAGS: ArgSpec[] = [
  { name: 'stage', kind: 'string', env: 'MESH_STAGE', description: 'stage of every service, dev by default' },
  { name: 'edge-port', kind: 'port', env: 'MESH_EDGE_PORT', description: 'edge endpoint (AWS) port, 4566 by default' },
  { name: 'http-port', kind: 'port', env: 'MESH_HTTP_PORT', description: 'REST base URL port, 3000 by default' },
  { name: 'ws-port', kind: 'port', env: 'MESH_WS_PORT', description: 'WebSocket base URL port, 3001 by default' },
  {
    name: 'console-port',
    kind: 'port',
    env: 'MESH_CONSOLE_PORT',
    description: 'local console (web UI) port, 4000 by default',
  },
  { name: 'no-console', kind: 'boolean', description: 'do not start the local console' },
  {
    name: 'no-seed',
    kind: 'boolean',
    description: "do not write the services' demo data (custom.offlineSeed) into their tables",
  },
  {
    name: 'services',
    kind: 'string',
    env: 'MESH_SERVICES',
    description: 'only these services (comma-separated) and what they depend on; all by default',
  },
  { name: 'region', kind: 'string', env: 'MESH_REGION', description: 'region, us-east-1 by default' },
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
  { name: 'quiet', kind: 'boolean', description: "do not print the services' logs" },
  {
    name: 'inspect',
    kind: 'boolean',
    description: "open the Node inspector of each service's functions (the banner says where)",
  },
  { name: 'help', kind: 'boolean', description: 'show this help' },
];

export const DEV_HELP = `Usage: npm run dev [-- <flags>]

Starts the whole mesh offline, in one process tree, without Docker or an AWS account: the AWS emulators
behind one edge endpoint, then every service of serverless-compose.yml (packaged — cached in .mesh/ —
provisioned, seeded with the demo data it declares (custom.offlineSeed; items already there are kept), and
served by serverless-offline, which reloads changed handlers), with its queues polled into its functions,
and the local console (web UI) on http://127.0.0.1:4000. Ctrl-C stops everything.

Flags:
${describeArgs(FLAGS)}`;

/**
 * `npm run dev`: parses `argv`, starts the mesh (and the local console, when `startConsole` is given) with a progress line per step, prints the ready banner and
 * runs until Ctrl-C / SIGTERM. Resolves with the exit code (2 for a bad command line, 1 for a failed start).
 *
 * @example
 * process.exitCode = await runDevCli(process.argv.slice(2));
 */
export async function runDevCli(
  argv: readonly string[],
  io: CliIo = processIo(),
  startConsole?: StartMeshConsole,
): Promise<number> {
  let flags;
  try {
    flags = parseFlags(argv, FLAGS, io.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err.write(`dev: ${error.message}\n\n${DEV_HELP}\n`);
    return 2;
  }
  if (flags.help) {
    io.out.write(`${DEV_HELP}\n`);
    return 0;
  }
  const persistDir = flags.persist === true ? '.mesh/data' : (flags.persist as string | undefined);
  const stage = (flags.stage as string | undefined) ?? 'dev';
  io.err.write(`Starting the mesh (stage ${stage})…\n`);
  return runUntilSignal(
    io,
    (signal) =>
      startMesh({
        stage,
        edgePort: (flags['edge-port'] as number | undefined) ?? 4566,
        httpPort: (flags['http-port'] as number | undefined) ?? 3000,
        websocketPort: (flags['ws-port'] as number | undefined) ?? 3001,
        ...(flags['no-console'] || !startConsole
          ? {}
          : { console: { port: (flags['console-port'] as number | undefined) ?? 4000, start: startConsole } }),
        ...(flags.region ? { region: flags.region as string } : {}),
        ...(flags.services ? { services: listOf(flags.services) } : {}),
        ...(flags['allow-host'] ? { allowedHosts: listOf(flags['allow-host']) } : {}),
        ...(persistDir ? { persistDir } : {}),
        seed: !flags['no-seed'],
        ...(flags.inspect ? { inspect: true } : {}),
        onStep: progressDisplay(io.err),
        ...(flags.quiet ? {} : { onLog: (service: string, line: string) => io.err.write(`[${service}] ${line}\n`) }),
        signal,
      }),
    (mesh) => io.out.write(`${formatReadyBanner(mesh)}\n`),
    (error) => `The mesh failed to start — ${error instanceof Error ? error.message : String(error)}`,
  );
}
