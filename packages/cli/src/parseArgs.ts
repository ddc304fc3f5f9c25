import { UsageError } from './errors';

/** A flag of a command: `--name value`, `--name=value`, or a boolean `--name`. */
export interface ArgSpec {
  name: string;
  /**
   * `port` values are integers 0–65535; `count` values integers >= 1; `choice` values one of `choices`;
   * an `optionalString` flag may stand alone (then it is `true`) or take a value.
   */
  kind: 'string' | 'optionalString' | 'port' | 'count' | 'boolean' | 'choice';
  choices?: readonly string[];
  /** Environment variable read when the flag is absent. */
  env?: string;
  /** Shown in `--help` after `--name`, e.g. `<url>`. */
  value?: string;
  description: string;
}

export type ParsedFlags = Record<string, string | number | boolean | undefined>;

export interface ParsedArgs {
  /** The arguments that are not flags, in order (`peek <queue>` → `['<queue>']`). */
  positionals: string[];
  flags: ParsedFlags;
}

function toValue(spec: ArgSpec, raw: string, from: string): string | number {
  switch (spec.kind) {
    case 'port': {
      const port = Number(raw);
      if (!/^\d+$/.test(raw) || port > 65_535)
        throw new UsageError(`${from} must be a port number (0–65535), not "${raw}"`);
      return port;
    }
    case 'count':
      if (!/^\d+$/.test(raw) || Number(raw) < 1)
        throw new UsageError(`${from} must be a whole number >= 1, not "${raw}"`);
      return Number(raw);
    case 'choice':
      if (!spec.choices?.includes(raw))
        throw new UsageError(`${from} must be one of ${spec.choices?.join(', ')}, not "${raw}"`);
      return raw;
    default:
      return raw;
  }
}

/**
 * Splits a command line into positionals and the flags `specs` know; a flag that is absent takes its
 * environment variable (`env`), if it names one. `-h` is `--help`; everything after `--` is positional.
 * Unknown flags, missing or bad values throw {@link UsageError} (the command exits 2).
 *
 * @example
 * parseArgs(['dlq-name', '--max', '5'], [{ name: 'max', kind: 'count', description: '…' }]);
 * // → { positionals: ['dlq-name'], flags: { max: 5 } }
 */
export function parseArgs(argv: readonly string[], specs: readonly ArgSpec[], env: NodeJS.ProcessEnv = {}): ParsedArgs {
  const parsed: ParsedArgs = { positionals: [], flags: {} };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--') {
      parsed.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      parsed.flags.help = true;
      continue;
    }
    if (!arg.startsWith('--')) {
      parsed.positionals.push(arg);
      continue;
    }
    const match = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/s.exec(arg);
    const spec = match ? specs.find((s) => s.name === match[1]) : undefined;
    if (!match || !spec) throw new UsageError(`unknown flag ${arg.split('=')[0]}`);
    const inline = match[2];
    if (spec.kind === 'boolean') {
      if (inline !== undefined) throw new UsageError(`--${spec.name} takes no value`);
      parsed.flags[spec.name] = true;
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        value = next;
        i += 1;
      } else if (spec.kind === 'optionalString') {
        parsed.flags[spec.name] = true;
        continue;
      } else {
        throw new UsageError(`--${spec.name} needs a value`);
      }
    }
    parsed.flags[spec.name] = toValue(spec, value, `--${spec.name}`);
  }
  for (const spec of specs) {
    const fromEnv = spec.env ? env[spec.env] : undefined;
    if (parsed.flags[spec.name] === undefined && fromEnv !== undefined && fromEnv !== '') {
      parsed.flags[spec.name] = toValue(spec, fromEnv, spec.env!);
    }
  }
  return parsed;
}

/**
 * Parses a command line that takes flags only: a positional argument throws {@link UsageError}.
 *
 * @example
 * parseFlags(['--stage', 'e2e'], [{ name: 'stage', kind: 'string', env: 'MESH_STAGE', description: '…' }], {});
 * // → { stage: 'e2e' }
 */
export function parseFlags(
  argv: readonly string[],
  specs: readonly ArgSpec[],
  env: NodeJS.ProcessEnv = {},
): ParsedFlags {
  const { positionals, flags } = parseArgs(argv, specs, env);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  return flags;
}

/** The flags part of a `--help` text, one flag a line, with the environment variable each reads. */
export function describeArgs(specs: readonly ArgSpec[]): string {
  return specs
    .map((spec) => {
      const value =
        spec.kind === 'boolean'
          ? ''
          : spec.kind === 'optionalString'
            ? ` [${spec.value ?? 'value'}]`
            : ` ${spec.value ?? (spec.choices ? spec.choices.join('|') : '<value>')}`;
      const env = spec.env ? ` (env ${spec.env})` : '';
      return `  --${spec.name}${value}`.padEnd(28) + spec.description + env;
    })
    .join('\n');
}
