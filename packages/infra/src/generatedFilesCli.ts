import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeArgs, parseFlags, processIo, UsageError, type ArgSpec, type CliIo } from '@mesh/cli';

/** A set of committed files rendered from the contracts and declarations (the event map, the catalog). */
export interface GeneratedFiles {
  /** The command's name in messages: `event-map`. */
  command: string;
  /** What it writes, for `--help`. */
  writes: string;
  /** Path relative to the repo root → content. */
  render: (repoRoot: string) => Record<string, string>;
  /** A folder the command owns whole: files in it that `render` no longer makes are removed (or stale). */
  ownedDir?: string;
}

const FLAGS: ArgSpec[] = [
  {
    name: 'check',
    kind: 'boolean',
    description: 'write nothing; exit 1 if the committed files differ from what would be written',
  },
  { name: 'help', kind: 'boolean', description: 'show this help' },
];

/**
 * The command line of a set of generated files: writes them, or with `--check` writes nothing and exits 1
 * when a committed file is stale (what `npm test` runs to keep them fresh). Resolves with the exit code.
 *
 * @example
 * process.exitCode = runGeneratedFilesCli(process.argv.slice(2), repoRoot, {
 *   command: 'event-map', writes: 'docs/event-map.mmd and .svg', render: renderEventMapFiles });
 */
export function runGeneratedFilesCli(
  argv: readonly string[],
  repoRoot: string,
  files: GeneratedFiles,
  io: CliIo = processIo(),
): number {
  const help = `Usage: npm run ${files.command} [-- --check]\n\nWrites ${files.writes} from the contracts and the services' declarations.\n\nFlags:\n${describeArgs(FLAGS)}`;
  let flags;
  try {
    flags = parseFlags(argv, FLAGS);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err.write(`${files.command}: ${error.message}\n\n${help}\n`);
    return 2;
  }
  if (flags.help) {
    io.out.write(`${help}\n`);
    return 0;
  }
  const rendered = files.render(repoRoot);
  const at = (file: string) => path.join(repoRoot, file);
  const stale = Object.keys(rendered).filter(
    (file) => !existsSync(at(file)) || readFileSync(at(file), 'utf8') !== rendered[file],
  );
  const owned = files.ownedDir && existsSync(at(files.ownedDir)) ? readdirSync(at(files.ownedDir)) : [];
  const extra = owned.map((name) => path.join(files.ownedDir!, name)).filter((file) => !(file in rendered));
  if (flags.check) {
    for (const file of [...stale, ...extra])
      io.err.write(`${files.command}: ${file} is stale; run npm run ${files.command}\n`);
    return stale.length + extra.length > 0 ? 1 : 0;
  }
  for (const file of extra) rmSync(at(file));
  for (const [file, text] of Object.entries(rendered)) {
    mkdirSync(path.dirname(at(file)), { recursive: true });
    writeFileSync(at(file), text);
  }
  io.out.write(`${files.command}: wrote ${Object.keys(rendered).length} file(s)\n`);
  return 0;
}
