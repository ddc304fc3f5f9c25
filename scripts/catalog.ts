/**
 * `npm run catalog [-- --check]`: renders the event catalog (static HTML: every event and command, its owner,
 * versions and what changed, schema, example, publishers and subscribers with queue, DLQ and rule pattern) to
 * docs/catalog/. With --check, writes nothing and exits 1 when the committed files are stale.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CATALOG_DIR, renderCatalogFiles } from '@mesh/infra';

const HELP = `Usage: npm run catalog [-- --check]

Writes the event catalog (docs/catalog/*.html) from the contracts and the services' declarations.
--check   write nothing; exit 1 if the committed files differ from what would be written`;

function main(argv: string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  const unknown = argv.filter((a) => a !== '--check');
  if (unknown.length > 0) {
    console.error(`catalog: unknown argument ${unknown.join(' ')}\n\n${HELP}`);
    return 2;
  }
  const root = path.resolve(__dirname, '..');
  const files = renderCatalogFiles(root);
  const dir = path.join(root, CATALOG_DIR);
  const committed = existsSync(dir) ? readdirSync(dir).map((f) => path.join(CATALOG_DIR, f)) : [];
  const stale = Object.keys(files).filter(
    (file) => !existsSync(path.join(root, file)) || readFileSync(path.join(root, file), 'utf8') !== files[file],
  );
  const extra = committed.filter((file) => !(file in files));
  if (argv.includes('--check')) {
    for (const file of [...stale, ...extra]) console.error(`catalog: ${file} is stale; run npm run catalog`);
    return stale.length + extra.length > 0 ? 1 : 0;
  }
  mkdirSync(dir, { recursive: true });
  for (const file of extra) rmSync(path.join(root, file));
  for (const [file, html] of Object.entries(files)) writeFileSync(path.join(root, file), html);
  console.log(`catalog: wrote ${Object.keys(files).length} pages to ${CATALOG_DIR}`);
  return 0;
}

process.exit(main(process.argv.slice(2)));
