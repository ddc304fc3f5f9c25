import { spawn, type ChildProcess } from 'node:child_process';

export interface CpuSaturation {
  /** The busy processes' ids. */
  pids: number[];
  /** Ends every busy process and resolves once they are gone; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts `processes` Node processes that each spin one core flat out (at the default priority, like other
 * people's builds and tests on a shared machine), so what runs meanwhile competes for the CPU.
 *
 * @example
 * const load = saturateCpu(4);
 * try { await runTests(); } finally { await load.stop(); }
 */
export function saturateCpu(processes: number): CpuSaturation {
  const children: ChildProcess[] = [];
  for (let i = 0; i < processes; i += 1) {
    // The loop yields nothing to the event loop, so the process ignores everything but a signal.
    children.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  }
  let stopping: Promise<void> | undefined;
  return {
    pids: children.map((child) => child.pid ?? 0),
    stop() {
      stopping ??= Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGKILL');
            }),
        ),
      ).then(() => undefined);
      return stopping;
    },
  };
}
