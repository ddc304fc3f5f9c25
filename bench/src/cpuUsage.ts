/**
 * Where the CPU goes during a benchmark: CPU seconds used by this process and each of its descendants
 * (grouped by what they are: DynamoDB Local's JVM, fauxqs, each serverless-offline, this process — the
 * edge, the EventBridge emulator, the pollers and the load generator), and by the rest of the machine.
 * Linux only (`/proc`); elsewhere every figure is empty.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

interface ProcessStat {
  pid: number;
  ppid: number;
  cpuTicks: number;
}

function readStat(pid: number): ProcessStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command sits in parentheses and may hold spaces: the fields after it are fixed.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

function groupOf(pid: number): string {
  if (pid === process.pid) return 'mesh process (edge, EventBridge, pollers, load generator)';
  let command: string;
  try {
    command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return 'other';
  }
  if (/java/.test(command)) return 'DynamoDB Local (JVM)';
  if (/fauxqs/i.test(command)) return 'fauxqs (SQS)';
  if (/offline/.test(command) && /serverless/.test(command)) return 'serverless-offline (Lambda)';
  if (/esbuild/.test(command)) return 'esbuild';
  return 'other descendants';
}

/** CPU ticks of the machine that were busy (not idle or iowait), from `/proc/stat`. */
function machineBusyTicks(): number {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields.map(Number);
    return user + nice + system + irq + softirq + steal;
  } catch {
    return 0;
  }
}

/** A snapshot of CPU ticks per group of this process tree, and of the whole machine. */
export interface CpuSnapshot {
  groups: Map<string, number>;
  machine: number;
  at: number;
}

export function cpuSnapshot(): CpuSnapshot {
  const stats: ProcessStat[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return { groups: new Map(), machine: 0, at: Date.now() };
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat) stats.push(stat);
  }
  const children = new Map<number, ProcessStat[]>();
  for (const stat of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  const groups = new Map<string, number>();
  const self = stats.find((s) => s.pid === process.pid);
  const queue = self ? [self] : [];
  while (queue.length > 0) {
    const stat = queue.shift()!;
    const group = groupOf(stat.pid);
    groups.set(group, (groups.get(group) ?? 0) + stat.cpuTicks);
    queue.push(...(children.get(stat.pid) ?? []));
  }
  return { groups, machine: machineBusyTicks(), at: Date.now() };
}

/**
 * CPU seconds per group between two snapshots, with the rest of the machine (other users of the cores) as
 * `rest of the machine`, and the wall seconds between them. A process that ended between the snapshots
 * is not counted.
 */
export function cpuSecondsBetween(before: CpuSnapshot, after: CpuSnapshot): Record<string, number> {
  const result: Record<string, number> = {};
  let ours = 0;
  for (const [group, ticks] of after.groups) {
    const used = Math.max(0, ticks - (before.groups.get(group) ?? 0));
    ours += used;
    result[group] = Math.round((used / TICKS_PER_SECOND) * 10) / 10;
  }
  result['rest of the machine'] =
    Math.round((Math.max(0, after.machine - before.machine - ours) / TICKS_PER_SECOND) * 10) / 10;
  result['wall seconds'] = Math.round((after.at - before.at) / 100) / 10;
  return result;
}
