import { schemaFileName, toJsonSchema, type JsonSchemaDocument } from '../jsonSchema';
import type { Contract } from '../types';
import { compareSchemas } from './compareSchemas';
import { describeUsage, type ContractUsage } from './contractUsage';
import { classify, describeCompatibility, type Compatibility, type SchemaChange } from './schemaChange';

/** What the gate found for one contract version (or one snapshot left without its contract). */
export interface GateFinding {
  readonly file: string;
  readonly name: string;
  readonly version: number;
  readonly status: 'unchanged' | 'compatible' | 'incompatible' | 'unpublished' | 'withdrawn';
  readonly compatibility: Compatibility;
  readonly changes: readonly SchemaChange[];
  /** Everyone who publishes, sends, observes or handles this version. */
  readonly affected: readonly ContractUsage[];
}

export interface GateReport {
  /** True when every contract version has its snapshot and matches it, or changed compatibly both ways. */
  readonly ok: boolean;
  /** True when a published version changed other than compatibly both ways, or lost its contract. */
  readonly broken: boolean;
  readonly findings: readonly GateFinding[];
}

const FILE = /^(?<service>[a-z][a-z0-9-]*)\.(?<name>[A-Za-z0-9]+)\.v(?<version>\d+)\.json$/;

/**
 * The compatibility gate: compares each contract version with its committed snapshot. A published version
 * may change only compatibly both ways; a new version or contract just needs its snapshot written.
 *
 * @example
 * const report = checkContracts(contracts, readSnapshots(dir), usages);
 * if (!report.ok) console.error(formatGateReport(report));
 */
export function checkContracts(
  contracts: readonly Contract[],
  snapshots: Readonly<Record<string, JsonSchemaDocument>>,
  usages: readonly ContractUsage[],
): GateReport {
  const affected = (name: string, version: number) =>
    usages
      .filter((u) => u.contract === name && u.version === version)
      .sort((a, b) => `${a.role}/${a.service}/${a.channel}`.localeCompare(`${b.role}/${b.service}/${b.channel}`));
  const findings: GateFinding[] = [];
  const files = new Set<string>();
  for (const contract of contracts) {
    const file = schemaFileName(contract);
    files.add(file);
    const base = {
      file,
      name: contract.name,
      version: contract.version,
      affected: affected(contract.name, contract.version),
    };
    const published = snapshots[file];
    if (!published) {
      findings.push({ ...base, status: 'unpublished', compatibility: 'unchanged', changes: [] });
      continue;
    }
    const changes = compareSchemas(published, toJsonSchema(contract));
    const compatibility = classify(changes);
    const status =
      compatibility === 'unchanged' ? 'unchanged' : compatibility === 'both' ? 'compatible' : 'incompatible';
    findings.push({ ...base, status, compatibility, changes });
  }
  for (const file of Object.keys(snapshots)) {
    if (files.has(file)) continue;
    const match = FILE.exec(file)?.groups;
    const name = match?.name ?? file;
    const version = Number(match?.version ?? 0);
    findings.push({
      file,
      name,
      version,
      status: 'withdrawn',
      compatibility: 'breaking',
      changes: [],
      affected: affected(name, version),
    });
  }
  const broken = findings.some((f) => f.status === 'incompatible' || f.status === 'withdrawn');
  return { ok: !broken && findings.every((f) => f.status !== 'unpublished'), broken, findings };
}

/** The gate's verdict as a developer reads it: each failure with its paths, kinds, everyone affected and the fix. */
export function formatGateReport(report: GateReport): string {
  const lines: string[] = [];
  for (const f of report.findings) {
    if (f.status === 'incompatible') {
      lines.push(
        `✗ ${f.name} v${f.version} changed after it was published — ${describeCompatibility(f.compatibility)}`,
      );
      for (const c of f.changes.filter((c) => !(c.backward && c.forward))) {
        lines.push(`    ${c.path}: ${c.kind} (${c.detail})`);
      }
      lines.push('  affects:', ...affectedLines(f));
      lines.push(
        `  fix: restore ${f.name} v${f.version} as published (${f.file}) and add ${f.name} v${f.version + 1} beside it`,
        `       (a new file, version: ${f.version + 1}, with an upcaster from v${f.version}); move consumers to it one at a`,
        `       time, then run npm run contracts -- snapshot to publish v${f.version + 1}.`,
      );
    } else if (f.status === 'withdrawn') {
      lines.push(`✗ ${f.name} v${f.version} was published (${f.file}) but no contract defines it any more`);
      lines.push('  affects:', ...affectedLines(f));
      lines.push(`  fix: restore it; once nobody publishes or observes it, delete ${f.file} in the same commit.`);
    } else if (f.status === 'unpublished') {
      lines.push(`✗ ${f.name} v${f.version} has no snapshot yet: run npm run contracts -- snapshot to publish it`);
    } else if (f.status === 'compatible') {
      lines.push(`• ${f.name} v${f.version} changed compatibly both ways (${f.changes.map((c) => c.path).join(', ')})`);
    }
  }
  const count = (...statuses: GateFinding['status'][]) =>
    report.findings.filter((f) => statuses.includes(f.status)).length;
  if (report.broken)
    lines.push(
      `contracts: ${count('incompatible', 'withdrawn')} published contract version(s) would break their consumers`,
    );
  if (count('unpublished') > 0) lines.push(`contracts: ${count('unpublished')} contract version(s) need a snapshot`);
  if (report.ok) lines.push(`contracts: ${report.findings.length} contract versions match their snapshots`);
  return lines.join('\n');
}

function affectedLines(f: GateFinding): string[] {
  if (f.affected.length === 0) return ['    nobody declares it (no publisher, sender or subscriber found)'];
  return f.affected.map((u) => `    ${describeUsage(u)}`);
}
