/** `npm run readmes [-- --check]`: each service README's facts from its code (serverless.ts, declarations, contracts). A thin wrapper. */
import path from 'node:path';
import { runMain } from '@mesh/cli';
import { renderServiceReadmes, runGeneratedFilesCli } from '@mesh/infra';

runMain(async () =>
  runGeneratedFilesCli(process.argv.slice(2), path.resolve(__dirname, '..'), {
    command: 'readmes',
    writes:
      'the generated facts of each services/<name>/README.md (what it owns, publishes, observes, accepts, sends and its routes), between its markers, from its serverless.ts',
    render: renderServiceReadmes,
  }),
);
