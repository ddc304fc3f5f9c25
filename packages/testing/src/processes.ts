import { execFileSync } from 'node:child_process';

/** Whether a process with this id exists. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Every descendant of `pid` (Linux `ps`), children first. */
export function descendantsOf(pid: number): { pid: number; args: string }[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! }));
  const found: { pid: number; args: string }[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const row of rows.filter((r) => r.ppid === parent)) {
      found.push({ pid: row.pid, args: row.args });
      queue.push(row.pid);
    }
  }
  return found;
}

/** Listening TCP sockets of the given processes: `{ address, port, pid }` (Linux `ss`). */
export function listenersOf(pids: readonly number[]): { address: string; port: number; pid: number }[] {
  const wanted = new Set(pids);
  return execFileSync('ss', ['-Hltnp'], { encoding: 'utf8' })
    .split('\n')
    .flatMap((line) => {
      const local = line.trim().split(/\s+/)[3];
      const match = local ? /^(.*):(\d+)$/.exec(local) : null;
      if (!match) return [];
      return [...line.matchAll(/pid=(\d+)/g)]
        .map((m) => Number(m[1]))
        .filter((pid) => wanted.has(pid))
        .map((pid) => ({ address: match[1]!, port: Number(match[2]), pid }));
    });
}

/** Loopback addresses as `ss` prints them. */
export const LOOPBACK = /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]|\[::1\])$/;
