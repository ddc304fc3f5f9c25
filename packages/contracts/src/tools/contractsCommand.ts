import { parseArgs, UsageError, type ArgSpec } from '@mesh/cli';
import { allJsonSchemas, type JsonSchemaDocument } from '../jsonSchema';
import type { Contract } from '../types';
import { checkContracts, formatGateReport } from './checkContracts';
import type { ContractUsage } from './contractUsage';
import { readSnapshots, writeSnapshots } from './snapshots';

const FLAGS: ArgSpec[] = [
  { name: 'snapshots', kind: 'string', value: 'DIR', description: 'where snapshots live' },
  { name: 'help', kind: 'boolean', description: 'this help' },
];

export const CONTRACTS_HELP = `Usage: npm run contracts -- <check|snapshot> [--snapshots DIR]

  check      compare every contract version with its committed snapshot; exit 1 if a published version
             changed other than compatibly both ways (a new optional field is fine), naming each field, the
             kind of break, every publisher and consumer affected, and the fix (add version N+1); or if a
             contract version has no snapshot yet
  snapshot   publish: write the snapshot of every new contract version and record changes compatible both
             ways; refuses (exit 1) while any published version is broken. A version that was never deployed
             may be re-snapshotted by deleting its file first.

Options:
  --snapshots DIR   where snapshots live (default packages/contracts/snapshots)
  -h, --help        this help

Exit codes: 0 ok, 1 a published contract would break a consumer, 2 misuse.`;

export interface ContractsCommandInput {
  argv: readonly string[];
  contracts: readonly Contract[];
  /** Who uses each contract version, from the services' declarations. */
  usages: readonly ContractUsage[];
  defaultSnapshotsDir: string;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

/**
 * `npm run contracts -- check|snapshot`: the compatibility gate's command line. Returns the exit code.
 *
 * @example
 * process.exit(runContractsCommand({ argv, contracts, usages, defaultSnapshotsDir: 'packages/contracts/snapshots' }));
 */
export function runContractsCommand(input: ContractsCommandInput): number {
  const out = input.out ?? ((line: string) => console.log(line));
  const err = input.err ?? ((line: string) => console.error(line));
  let parsed;
  try {
    parsed = parseArgs(input.argv, FLAGS);
    const [command, ...rest] = parsed.positionals;
    if (!parsed.flags.help && (command === undefined || !['check', 'snapshot'].includes(command) || rest.length > 0)) {
      throw new UsageError(
        command === undefined ? 'say check or snapshot' : `unexpected ${parsed.positionals.join(' ')}`,
      );
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`contracts: ${error.message}\n\n${CONTRACTS_HELP}`);
    return 2;
  }
  if (parsed.flags.help) {
    out(CONTRACTS_HELP);
    return 0;
  }
  const dir = (parsed.flags.snapshots as string | undefined) ?? input.defaultSnapshotsDir;
  const positional = parsed.positionals;
  const report = checkContracts(input.contracts, readSnapshots(dir), input.usages);
  if (report.broken || positional[0] === 'check') {
    (report.ok ? out : err)(formatGateReport(report));
    return report.ok ? 0 : 1;
  }
  const schemas = allJsonSchemas(input.contracts);
  const toWrite: Record<string, JsonSchemaDocument> = {};
  for (const f of report.findings) {
    if (f.status === 'unpublished' || f.status === 'compatible') toWrite[f.file] = schemas[f.file]!;
  }
  writeSnapshots(dir, toWrite);
  out(`contracts: wrote ${Object.keys(toWrite).length} snapshot(s) to ${dir}${listed(toWrite)}`);
  return 0;
}

function listed(files: Record<string, unknown>): string {
  const names = Object.keys(files);
  return names.length > 0 ? `: ${names.join(', ')}` : '';
}
