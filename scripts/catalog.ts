/** `npm run catalog [-- --check]`: the event catalog (static HTML) in docs/catalog/. A thin wrapper. */
import path from 'node:path';
import { runMain } from '@mesh/cli';
import { CATALOG_DIR, renderCatalogFiles, runGeneratedFilesCli } from '@mesh/infra';

runMain(async () =>
  runGeneratedFilesCli(process.argv.slice(2), path.resolve(__dirname, '..'), {
    command: 'catalog',
    writes: `the event catalog (${CATALOG_DIR}/*.html: every event and command, its versions, schema, publishers and subscribers)`,
    render: renderCatalogFiles,
    ownedDir: CATALOG_DIR,
  }),
);
