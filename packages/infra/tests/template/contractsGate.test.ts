import path from 'node:path';
import { commands, contracts, events } from '@mesh/contracts';
import { checkContracts, formatGateReport, readSnapshots } from '@mesh/contracts/tools';
import { collectDeclarations, contractUsages } from '../../src';

const root = path.resolve(__dirname, '../../../..');

describe('the contracts against their committed snapshots (npm run contracts -- check)', () => {
  it('changes no published contract version other than compatibly both ways', () => {
    const usages = contractUsages(events, commands, collectDeclarations(path.join(root, 'services')));
    const report = checkContracts(contracts, readSnapshots(path.join(root, 'packages/contracts/snapshots')), usages);
    // The whole report on failure: which field, what kind of break, who is affected, and the fix.
    expect(report.ok ? 'ok' : formatGateReport(report)).toBe('ok');
  });
});
