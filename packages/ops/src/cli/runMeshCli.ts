import path from 'node:path';
import { ContractViolationError } from '@mesh/contracts';
import { UsageError } from '@mesh/cli';
import {
  createClients,
  explainConnectionError,
  resolveTarget,
  type OpsCommand,
  type OpsContext,
  type OpsIo,
} from './context';
import { EndpointUnreachableError } from './errors';
import { dlqCommand } from './dlq';
import { graphCommand } from './graph';
import { describeArgs, parseArgs, type ArgSpec } from '@mesh/cli';
import { peekCommand } from './peek';
import { publishCommand } from './publish';
import { queuesCommand } from './queues';
import { redriveCommand } from './redrive';
import { replayCommand } from './replay';
import { tailCommand } from './tail';
import { traceCommand } from './trace';

/** Every `mesh` command, in help order. */
export const MESH_COMMANDS: readonly OpsCommand[] = [
  queuesCommand,
  peekCommand,
  dlqCommand,
  redriveCommand,
  publishCommand,
  graphCommand,
  tailCommand,
  traceCommand,
  replayCommand,
];

const GLOBAL_FLAGS: ArgSpec[] = [
  {
    name: 'stage',
    kind: 'string',
    value: '<stage>',
    description: 'the stage whose queues and bus to use, dev by default',
  },
  {
    name: 'endpoint',
    kind: 'string',
    value: '<url>',
    description: 'AWS endpoint; AWS_ENDPOINT_URL, else the offline edge http://127.0.0.1:4566',
  },
  { name: 'aws', kind: 'boolean', description: "talk to AWS: the SDK's own endpoint, region and credentials" },
  { name: 'region', kind: 'string', value: '<region>', description: 'region; AWS_REGION, else us-east-1 offline' },
  { name: 'json', kind: 'boolean', description: 'machine-readable output (JSON on stdout)' },
  { name: 'help', kind: 'boolean', description: 'show help' },
];

const REPO_ROOT = path.resolve(__dirname, '../../../..');

export const MESH_HELP = `Usage: npm run mesh -- <command> [<args>] [<flags>]

Operates the mesh's queues and bus, the same way offline (the edge of npm run dev, by default) and on AWS (--aws).

Commands:
${MESH_COMMANDS.map((c) => `  ${c.name.padEnd(10)}${c.summary}`).join('\n')}

Global flags:
${describeArgs(GLOBAL_FLAGS)}

npm run mesh -- <command> --help tells more. Exit codes: 0 done, 1 failed (unreachable endpoint, missing queue,
contract violation, …), 2 wrong command line.`;

/** The `--help` text of one command. */
export function commandHelp(command: OpsCommand): string {
  const flags = command.flags.length > 0 ? `\nFlags:\n${describeArgs(command.flags)}\n` : '';
  return `Usage: npm run mesh -- ${command.usage} [<global flags>]

${command.description}
${flags}
Global flags:
${describeArgs(GLOBAL_FLAGS)}`;
}

export const processOpsIo = (): OpsIo => ({ out: process.stdout, err: process.stderr, env: process.env });

function describeFailure(error: unknown): { message: string; extra?: Record<string, unknown> } {
  if (error instanceof ContractViolationError) {
    return {
      message: `${error.contractName} violates its contract:\n${error.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`,
      extra: { issues: error.issues },
    };
  }
  if (error instanceof EndpointUnreachableError) {
    return {
      message:
        `${error.message}. Is the mesh running? Start it with \`npm run dev\` (or \`npm run emulators\` for the AWS ` +
        'parts alone), or point --endpoint at it; --aws talks to AWS.',
      extra: { endpoint: error.endpoint },
    };
  }
  const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
  // Our own errors say it all; an SDK error's name (QueueDoesNotExist, ResourceNotFoundException) says what.
  const ours = [
    'Error',
    'QueueNotFoundError',
    'RedriveTargetError',
    'PeekRefusedError',
    'PublishError',
    'HopsUnavailableError',
    'TraceNotFoundError',
    'RuleNotFoundError',
  ].includes(name);
  return { message: ours ? message : `${name}: ${message}` };
}

/**
 * `npm run mesh -- <command>`: parses `argv`, runs the command against the offline edge (or `--endpoint`, or
 * AWS with `--aws`) and resolves with the exit code: 0 done, 1 operational failure, 2 wrong command line
 * (printed with the usage).
 *
 * @example
 * process.exitCode = await runMeshCli(['queues', '--stage', 'dev']);
 */
export async function runMeshCli(argv: readonly string[], io: OpsIo = processOpsIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.err.write(`mesh: a command is needed\n\n${MESH_HELP}\n`);
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const about = MESH_COMMANDS.find((c) => c.name === rest[0]);
    io.out.write(`${about ? commandHelp(about) : MESH_HELP}\n`);
    return 0;
  }
  const command = MESH_COMMANDS.find((c) => c.name === name);
  if (!command) {
    const what = name.startsWith('-') ? `the command comes first, before ${name}` : `unknown command "${name}"`;
    io.err.write(`mesh: ${what}\n\n${MESH_HELP}\n`);
    return 2;
  }

  let parsed;
  try {
    parsed = parseArgs(rest, [...GLOBAL_FLAGS, ...command.flags]);
    if (!parsed.flags.help) {
      const missing = command.args.slice(parsed.positionals.length);
      if (missing.length > 0) throw new UsageError(`missing <${missing.join('>, <')}>`);
      const extra = parsed.positionals.slice(command.args.length + (command.optionalArgs?.length ?? 0));
      if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err.write(`mesh ${command.name}: ${error.message}\n\n${commandHelp(command)}\n`);
    return 2;
  }
  const { flags, positionals } = parsed;
  if (flags.help) {
    io.out.write(`${commandHelp(command)}\n`);
    return 0;
  }

  const target = resolveTarget(
    {
      ...(flags.stage !== undefined ? { stage: String(flags.stage) } : {}),
      ...(flags.endpoint !== undefined ? { endpoint: String(flags.endpoint) } : {}),
      ...(flags.region !== undefined ? { region: String(flags.region) } : {}),
      aws: flags.aws === true,
    },
    io.env,
  );
  const ctx: OpsContext = {
    ...target,
    ...createClients(target, io.env),
    json: flags.json === true,
    io,
    repoRoot: REPO_ROOT,
  };
  try {
    return await command.run(ctx, positionals, flags);
  } catch (raw) {
    if (raw instanceof UsageError) {
      io.err.write(`mesh ${command.name}: ${raw.message}\n\n${commandHelp(command)}\n`);
      return 2;
    }
    const error = command.remote ? explainConnectionError(raw, target.endpoint) : raw;
    const { message, extra } = describeFailure(error);
    if (ctx.json) {
      const errorName = error instanceof Error ? error.name : 'Error';
      io.out.write(`${JSON.stringify({ error: { name: errorName, message, ...extra } }, null, 2)}\n`);
    } else {
      io.err.write(`mesh ${command.name}: ${message}\n`);
    }
    return 1;
  } finally {
    ctx.sqs.destroy();
    ctx.eventBridge.destroy();
  }
}
