import { UsageError } from '../cli/parseFlags';

/** A flag of a `mesh` command: `--name value`, `--name=value`, or a boolean `--name`. */
export interface ArgSpec {
  name: string;
  /** `count` values are integers >= 1; `choice` values one of `choices`. */
  kind: 'string' | 'count' | 'boolean' | 'choice';
  choices?: readonly string[];
  /** Shown in `--help` after `--name`, e.g. `<url>`. */
  value?: string;
  description: string;
}

export interface ParsedArgs {
  /** The arguments that are not flags, in order (`peek <queue>` → `['<queue>']`). */
  positionals: string[];
  flags: Record<string, string | number | boolean | undefined>;
}

function toValue(spec: ArgSpec, raw: string): string | number {
  if (spec.kind === 'count') {
    if (!/^\d+$/.test(raw) || Number(raw) < 1)
      throw new UsageError(`--${spec.name} must be a whole number >= 1, not "${raw}"`);
    return Number(raw);
  }
  if (spec.kind === 'choice' && !spec.choices?.includes(raw)) {
    throw new UsageError(`--${spec.name} must be one of ${spec.choices?.join(', ')}, not "${raw}"`);
  }
  return raw;
}

/**
 * Splits a command line into positionals and flags known to `specs`. `-h` is `--help`; everything after
 * `--` is positional. Unknown flags, missing or bad values throw {@link UsageError} (the CLI exits 2).
 *
 * @example
 * parseArgs(['dlq-name', '--max', '5'], [{ name: 'max', kind: 'count', description: '…' }]);
 * // → { positionals: ['dlq-name'], flags: { max: 5 } }
 */
export function parseArgs(argv: readonly string[], specs: readonly ArgSpec[]): ParsedArgs {
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
      if (next === undefined || next.startsWith('--')) throw new UsageError(`--${spec.name} needs a value`);
      value = next;
      i += 1;
    }
    parsed.flags[spec.name] = toValue(spec, value);
  }
  return parsed;
}

/** The flags part of a `--help` text, one flag a line. */
export function describeArgs(specs: readonly ArgSpec[]): string {
  return specs
    .map((spec) => {
      const value =
        spec.kind === 'boolean' ? '' : ` ${spec.value ?? (spec.choices ? spec.choices.join('|') : '<value>')}`;
      return `  --${spec.name}${value}`.padEnd(28) + spec.description;
    })
    .join('\n');
}
