/**
 * `npm run contracts -- check|snapshot`: the contracts' compatibility gate (see `--help`). The logic lives in
 * `@mesh/contracts/tools`; this wrapper only hands it the contracts and who uses them (the declarations).
 */
import path from 'node:path';
import { commands, contracts, events } from '@mesh/contracts';
import { runContractsCommand } from '@mesh/contracts/tools';
import { collectDeclarations, contractUsages } from '@mesh/infra';

const root = path.resolve(__dirname, '..');
const argv = process.argv.slice(2);
const usages =
  argv.includes('--help') || argv.includes('-h')
    ? []
    : contractUsages(events, commands, collectDeclarations(path.join(root, 'services')));
process.exit(
  runContractsCommand({
    argv,
    contracts,
    usages,
    defaultSnapshotsDir: path.join(root, 'packages', 'contracts', 'snapshots'),
  }),
);
