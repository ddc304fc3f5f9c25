/** A command-line flag: `--name value`, `--name=value`, or a boolean `--name`. */
export interface FlagSpec {
  name: string;
  /** `port` values must be integers 0–65535. */
  kind: 'string' | 'port' | 'boolean' | 'optionalString';
  /** Environment variable read when the flag is absent. */
  env?: string;
  description: string;
}

/** A wrong command line: the CLI prints it with its usage and exits with code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type ParsedFlags = Record<string, string | number | boolean | undefined>;

function toValue(spec: FlagSpec, raw: string, from: string): string | number {
  if (spec.kind !== 'port') return raw;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65_535)
    throw new UsageError(`${from} must be a port number (0–65535), not "${raw}"`);
  return port;
}

/**
 * Parses `argv` against `specs` (flags win over their environment variables). Unknown flags, missing values
 * and stray arguments throw {@link UsageError}.
 *
 * @example
 * parseFlags(['--stage', 'e2e'], [{ name: 'stage', kind: 'string', env: 'MESH_STAGE', description: '…' }], {});
 * // → { stage: 'e2e' }
 */
export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[], env: NodeJS.ProcessEnv): ParsedFlags {
  const parsed: ParsedFlags = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '-h') {
      parsed.help = true;
      continue;
    }
    const match = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/.exec(arg);
    if (!match) throw new UsageError(`unexpected argument "${arg}"`);
    const [, name, inline] = match;
    const spec = specs.find((s) => s.name === name);
    if (!spec) throw new UsageError(`unknown flag --${name}`);
    if (spec.kind === 'boolean') {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      parsed[spec.name] = true;
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        value = next;
        i += 1;
      } else if (spec.kind === 'optionalString') {
        parsed[spec.name] = true;
        continue;
      } else {
        throw new UsageError(`--${name} needs a value`);
      }
    }
    parsed[spec.name] = toValue(spec, value, `--${name}`);
  }
  for (const spec of specs) {
    const fromEnv = spec.env ? env[spec.env] : undefined;
    if (parsed[spec.name] === undefined && fromEnv !== undefined && fromEnv !== '') {
      parsed[spec.name] = toValue(spec, fromEnv, spec.env!);
    }
  }
  return parsed;
}

/** The flags part of a `--help` text. */
export function describeFlags(specs: readonly FlagSpec[]): string {
  return specs
    .map((spec) => {
      const value = spec.kind === 'boolean' ? '' : spec.kind === 'optionalString' ? ' [value]' : ' <value>';
      const env = spec.env ? ` (env ${spec.env})` : '';
      return `  --${spec.name}${value}`.padEnd(26) + spec.description + env;
    })
    .join('\n');
}
