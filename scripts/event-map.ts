/**
 * `npm run event-map [-- --check]`: renders the event map (who publishes which event, which subscription
 * observes it, which commands go where) from the contracts and every service's declarations, to
 * docs/event-map.mmd (Mermaid) and docs/event-map.svg. With --check, writes nothing and exits 1 when the
 * committed files are stale.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderEventMapFiles } from '@mesh/infra';

const HELP = `Usage: npm run event-map [-- --check]

Writes docs/event-map.mmd and docs/event-map.svg from the contracts and the services' declarations.
--check   write nothing; exit 1 if the committed files differ from what would be written`;

function main(argv: string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  const unknown = argv.filter((a) => a !== '--check');
  if (unknown.length > 0) {
    console.error(`event-map: unknown argument ${unknown.join(' ')}\n\n${HELP}`);
    return 2;
  }
  const root = path.resolve(__dirname, '..');
  const files = renderEventMapFiles(root);
  const stale = Object.entries(files).filter(
    ([file, text]) => !existsSync(path.join(root, file)) || readFileSync(path.join(root, file), 'utf8') !== text,
  );
  if (argv.includes('--check')) {
    for (const [file] of stale) console.error(`event-map: ${file} is stale; run npm run event-map`);
    return stale.length > 0 ? 1 : 0;
  }
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(root, file), text);
  console.log(`event-map: wrote ${Object.keys(files).join(', ')}`);
  return 0;
}

process.exit(main(process.argv.slice(2)));
