import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeArgs, parseFlags, processIo, UsageError, type ArgSpec, type CliIo } from '@mesh/cli';
import { allJsonSchemas, contracts, schemaFileName } from '@mesh/contracts';
import { meshAsyncApi } from './meshAsyncApi';

const FLAGS: ArgSpec[] = [
  { name: 'out', kind: 'string', value: 'DIR', description: 'where to write, dist/schemas by default' },
  { name: 'help', kind: 'boolean', description: 'show this help' },
];

const HELP = `Usage: npm run schemas -- [--out DIR]

Writes one JSON Schema per contract version, catalog.json and asyncapi.json (AsyncAPI 3.0: the bus, each
subscription and command queue, each service's send and receive operations) — for docs, a schema registry,
or consumers in other languages. Nothing of it is committed: the contracts and declarations are the source.

Flags:
${describeArgs(FLAGS)}`;

/**
 * `npm run schemas`: every contract's JSON Schema (draft 2020-12), `catalog.json` listing them and the mesh's
 * AsyncAPI 3.0 document, written to a folder. Resolves with the exit code (2 on misuse).
 *
 * @example
 * process.exitCode = runSchemasCli(['--out', 'dist/schemas'], repoRoot);
 */
export function runSchemasCli(argv: readonly string[], repoRoot: string, io: CliIo = processIo()): number {
  let flags;
  try {
    flags = parseFlags(argv, FLAGS);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err.write(`schemas: ${error.message}\n\n${HELP}\n`);
    return 2;
  }
  if (flags.help) {
    io.out.write(`${HELP}\n`);
    return 0;
  }
  const out = path.resolve(repoRoot, (flags.out as string | undefined) ?? 'dist/schemas');
  mkdirSync(out, { recursive: true });
  for (const [file, schema] of Object.entries(allJsonSchemas())) {
    writeFileSync(path.join(out, file), `${JSON.stringify(schema, null, 2)}\n`);
  }
  const catalog = contracts.map((c) => ({
    kind: c.kind,
    name: c.name,
    service: c.service,
    version: c.version,
    description: c.description,
    ...(c.kind === 'event' ? { source: c.source, detailType: c.detailType } : {}),
    schema: schemaFileName(c),
  }));
  writeFileSync(path.join(out, 'catalog.json'), `${JSON.stringify(catalog, null, 2)}\n`);
  writeFileSync(path.join(out, 'asyncapi.json'), `${JSON.stringify(meshAsyncApi(repoRoot), null, 2)}\n`);
  io.out.write(`schemas: wrote ${catalog.length} schemas, catalog.json and asyncapi.json to ${out}\n`);
  return 0;
}
