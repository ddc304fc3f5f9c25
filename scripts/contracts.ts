/**
 * `npm run contracts -- check|snapshot`: the contracts' compatibility gate (see `--help`). The logic lives in
 * `@mesh/contracts/tools`; this wrapper only hands it the contracts and who uses them (the declarations).
 */
import path from 'node:path';
import { runMain } from '@mesh/cli';
import { commands, contracts, events } from '@mesh/contracts';
import { runContractsCommand } from '@mesh/contracts/tools';
import { collectDeclarations, contractUsages } from '@mesh/infra';

const root = path.resolve(__dirname, '..');

runMain(async () =>
  runContractsCommand({
    argv: process.argv.slice(2),
    contracts,
    usages: contractUsages(events, commands, collectDeclarations(path.join(root, 'services'))),
    defaultSnapshotsDir: path.join(root, 'packages', 'contracts', 'snapshots'),
  }),
);
