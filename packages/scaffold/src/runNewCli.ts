import { describeArgs, parseArgs, processIo, UsageError, type ArgSpec, type CliIo } from '@mesh/cli';
import { ScaffoldError } from './errors';
import { AFTER_STEP_COMMANDS, runInherited, type RunCommand } from './afterSteps';
import { readRepo, type EventInfo, type MeshRepo } from './meshRepo';
import { applyPlan, checkPlan, formatPlan, type Plan } from './plan';
import { planEvent } from './planEvent';
import { planService } from './planService';
import { planSubscriber } from './planSubscriber';

const COMMON: ArgSpec[] = [
  { name: 'dry-run', kind: 'boolean', description: 'print what would be written; write nothing' },
  { name: 'help', kind: 'boolean', description: 'show this help' },
];
const SERVICE_FLAGS: ArgSpec[] = [
  { name: 'event', kind: 'string', value: '<Event>', description: 'the event its subscriber observes' },
  { name: 'subscriber', kind: 'string', value: '<name>', description: "its subscriber's name (camelCase)" },
  { name: 'no-install', kind: 'boolean', description: 'skip `npm install` (then run it before committing)' },
  ...COMMON,
];

const USAGE = {
  service: `Usage: npm run new -- service <name> [flags]

Writes services/<name>: serverless.ts, src/declarations.ts, a DynamoDB table (src/store/), one subscriber
(src/functions/<subscriber>/) whose observer records an existing event, a unit test, a template test and a
README; adds the service to serverless-compose.yml; runs npm install, then npm run event-map, catalog and
readmes. <name> is kebab-case. The event is the registry's first event of another service unless --event names one.

Flags:
${describeArgs(SERVICE_FLAGS)}`,
  subscriber: `Usage: npm run new -- subscriber <service> <name> <Event...> [flags]

Adds to services/<service> a subscriber <name> (camelCase) observing each <Event> (PascalCase, from the
contracts registry): its declaration in src/declarations.ts, its function in serverless.ts, its handler,
one observer per event, a unit test; then runs npm run event-map, catalog and readmes.

Flags:
${describeArgs(COMMON)}`,
  event: `Usage: npm run new -- event <service> <EventName> [flags]

Writes packages/contracts/src/<service>/<EventName>.ts, a version-1 contract of an event <service>
publishes, exports it and lists it in the registry; then runs npm run event-map, catalog and readmes.
<EventName> is PascalCase and in the past tense (ParcelShipped). Then fill in its schema and publish its
snapshot (npm run contracts -- snapshot): the command prints these steps.

Flags:
${describeArgs(COMMON)}`,
} as const;

const HELP = `Usage: npm run new -- <what> … [--help]

Writes code that follows the mesh's convention and wires it in:
  service <name>                           a service with a table and one subscriber
  subscriber <service> <name> <Event...>   a subscriber of an existing service
  event <service> <EventName>              an event contract
\`npm run new -- <what> --help\` says more. A bad name, an unknown event or service, or an existing target
writes nothing and exits 2.`;

type Kind = keyof typeof USAGE;
const isKind = (value: string | undefined): value is Kind => value !== undefined && value in USAGE;

export interface NewCliOptions {
  /** The repository root. */
  root: string;
  /** The registry's events; loaded from the repository's contracts by default. */
  events?: readonly EventInfo[];
  /** Runs the steps after writing (npm install, the event map). */
  run?: RunCommand;
}

function planOf(kind: Kind, repo: MeshRepo, args: string[], flags: Record<string, unknown>): Plan {
  const [first, second, ...rest] = args;
  if (!first) throw new UsageError('missing arguments: see the usage below');
  if (kind === 'service') {
    if (second !== undefined) throw new UsageError(`unexpected argument "${second}"`);
    return planService(repo, {
      name: first,
      ...(typeof flags.event === 'string' ? { event: flags.event } : {}),
      ...(typeof flags.subscriber === 'string' ? { subscriber: flags.subscriber } : {}),
    });
  }
  if (!second) throw new UsageError('missing arguments: see the usage below');
  if (kind === 'event') {
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
    return planEvent(repo, { service: first, name: second });
  }
  return planSubscriber(repo, { service: first, name: second, events: rest });
}

/**
 * `npm run new -- <service|subscriber|event> …`: plans the files, checks that nothing it creates exists,
 * writes them formatted, then runs the plan's steps (npm install, the event map). Resolves with the exit
 * code: 0 done, 2 for a bad command line (nothing written), 1 when a step after writing failed.
 *
 * @example
 * runMain(() => runNewCli(process.argv.slice(2), processIo(), { root: path.resolve(__dirname, '..') }));
 */
export async function runNewCli(
  argv: readonly string[],
  io: CliIo = processIo(),
  options: NewCliOptions,
): Promise<number> {
  const kind = argv[0];
  if (!isKind(kind)) {
    const wantsHelp = kind === undefined || kind === '--help' || kind === '-h';
    (wantsHelp ? io.out : io.err).write(wantsHelp ? `${HELP}\n` : `new: unknown kind "${kind}"\n\n${HELP}\n`);
    return wantsHelp && kind !== undefined ? 0 : 2;
  }
  let plan: Plan;
  let flags: Record<string, unknown>;
  try {
    const parsed = parseArgs(argv.slice(1), kind === 'service' ? SERVICE_FLAGS : COMMON);
    flags = parsed.flags;
    if (flags.help) {
      io.out.write(`${USAGE[kind]}\n`);
      return 0;
    }
    const repo = options.events ? readRepo(options.root, options.events) : readRepo(options.root);
    plan = planOf(kind, repo, parsed.positionals, flags);
    checkPlan(options.root, plan);
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof ScaffoldError)) throw error;
    io.err.write(`new ${kind}: ${error.message}\n\n${USAGE[kind]}\n`);
    return 2;
  }
  if (flags['dry-run']) {
    for (const change of (await formatPlan(options.root, plan)).changes) {
      io.out.write(`${change.create ? 'create' : 'update'} ${change.path}\n`);
    }
    return 0;
  }
  const written = await applyPlan(options.root, plan);
  for (const change of written.changes) io.out.write(`${change.create ? 'created' : 'updated'} ${change.path}\n`);
  const run = options.run ?? runInherited;
  for (const step of plan.after) {
    if (step === 'install' && flags['no-install']) {
      io.out.write(
        'skipped npm install (--no-install): run it before committing, or `npm ci` will refuse the lockfile\n',
      );
      continue;
    }
    const [command, ...args] = AFTER_STEP_COMMANDS[step];
    if (run(command!, args, options.root) !== 0) {
      io.err.write(
        `new ${kind}: the files are written, but \`${AFTER_STEP_COMMANDS[step].join(' ')}\` failed: run it again\n`,
      );
      return 1;
    }
  }
  io.out.write(`new ${kind}: ${plan.summary}\n`);
  for (const line of plan.next ?? []) io.out.write(`  next: ${line}\n`);
  return 0;
}
