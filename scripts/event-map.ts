/** `npm run event-map [-- --check]`: docs/event-map.mmd and .svg from the contracts and declarations. A thin wrapper. */
import path from 'node:path';
import { runMain } from '@mesh/cli';
import { renderEventMapFiles, runGeneratedFilesCli } from '@mesh/infra';

runMain(async () =>
  runGeneratedFilesCli(process.argv.slice(2), path.resolve(__dirname, '..'), {
    command: 'event-map',
    writes: 'docs/event-map.mmd (Mermaid) and docs/event-map.svg: who publishes which event, who observes it',
    render: renderEventMapFiles,
  }),
);
