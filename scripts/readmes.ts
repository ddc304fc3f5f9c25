/**
 * `npm run readmes [-- --check]`: renders each service's README facts (what it owns, publishes, observes,
 * accepts, sends, and its routes) from its serverless.ts, the declarations and the contracts, between the
 * README's service-facts markers. With --check, writes nothing and exits 1 when a README is stale.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderServiceReadmes } from '@mesh/infra';

const HELP = `Usage: npm run readmes [-- --check]

Writes the generated facts of services/<name>/README.md from the service's code.
--check   write nothing; exit 1 if a committed README differs from what would be written`;

function main(argv: string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  const unknown = argv.filter((a) => a !== '--check');
  if (unknown.length > 0) {
    console.error(`readmes: unknown argument ${unknown.join(' ')}\n\n${HELP}`);
    return 2;
  }
  const root = path.resolve(__dirname, '..');
  const files = renderServiceReadmes(root);
  const stale = Object.entries(files).filter(
    ([file, text]) => !existsSync(path.join(root, file)) || readFileSync(path.join(root, file), 'utf8') !== text,
  );
  if (argv.includes('--check')) {
    for (const [file] of stale) console.error(`readmes: ${file} is stale; run npm run readmes`);
    return stale.length > 0 ? 1 : 0;
  }
  for (const [file, text] of stale) writeFileSync(path.join(root, file), text);
  console.log(`readmes: wrote ${stale.map(([file]) => file).join(', ') || 'nothing (all fresh)'}`);
  return 0;
}

process.exit(main(process.argv.slice(2)));
