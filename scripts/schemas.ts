/**
 * `npm run schemas -- [--out DIR]`: writes every contract's JSON Schema (draft 2020-12) to DIR
 * (default `dist/schemas`), one file per contract version, plus `catalog.json` listing them and
 * `asyncapi.json`, the mesh's AsyncAPI 3.0 document — for docs, a schema registry, or consumers in other
 * languages. Nothing here is committed: the contracts and declarations are the source.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { allJsonSchemas, contracts, schemaFileName } from '@mesh/contracts';
import { meshAsyncApi } from '@mesh/infra';

const HELP = `Usage: npm run schemas -- [--out DIR]

Writes one JSON Schema per contract version, catalog.json and asyncapi.json (AsyncAPI 3.0: the bus, each
subscription and command queue, each service's send and receive operations) to DIR (default dist/schemas).`;

function main(argv: string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  let out = 'dist/schemas';
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out' && argv[i + 1]) out = argv[++i]!;
    else {
      console.error(`schemas: unexpected argument ${argv[i]}\n\n${HELP}`);
      return 2;
    }
  }
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
  const asyncApi = meshAsyncApi(path.resolve(__dirname, '..'));
  writeFileSync(path.join(out, 'asyncapi.json'), `${JSON.stringify(asyncApi, null, 2)}\n`);
  console.log(`schemas: wrote ${catalog.length} schemas, catalog.json and asyncapi.json to ${out}`);
  return 0;
}

process.exit(main(process.argv.slice(2)));
