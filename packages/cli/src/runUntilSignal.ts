import { untilSignal } from './untilSignal';

/** What a command prints to, and the environment it reads; the process's own by default. */
export interface CliIo {
  out: { write(text: string): unknown };
  err: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
}

export const processIo = (): CliIo => ({ out: process.stdout, err: process.stderr, env: process.env });

/**
 * Starts something stoppable, then waits for Ctrl-C / SIGTERM / SIGHUP to stop it. A signal during the start
 * aborts it (the starter must honour `signal` and stop what it started); a second signal while stopping ends
 * the process at once ({@link untilSignal}). Resolves with the exit code: 0 after a clean stop, 1 if the start
 * failed, 130 if interrupted while starting.
 *
 * @example
 * process.exitCode = await runUntilSignal(processIo(), (signal) => startServer({ signal }), (s) => console.log(s.url), String);
 */
export async function runUntilSignal<T extends { stop(): Promise<void> }>(
  io: CliIo,
  start: (signal: AbortSignal) => Promise<T>,
  onReady: (started: T) => void,
  describeError: (error: unknown) => string,
): Promise<number> {
  const watch = untilSignal(['SIGINT', 'SIGTERM', 'SIGHUP']);
  const stopWanted = new Promise<void>((resolve) => {
    if (watch.signal.aborted) resolve();
    watch.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  watch.signal.addEventListener('abort', () => io.err.write(`\n${watch.received()}: stopping…\n`), { once: true });
  try {
    let started: T;
    try {
      started = await start(watch.signal);
    } catch (error) {
      io.err.write(`\n${describeError(error)}\n`);
      return watch.signal.aborted ? 130 : 1;
    }
    onReady(started);
    await stopWanted;
    const stopping = performance.now();
    await started.stop();
    io.err.write(`Stopped in ${((performance.now() - stopping) / 1000).toFixed(1)} s.\n`);
    return 0;
  } finally {
    watch.dispose();
  }
}

/**
 * Runs a command's main function as a script: its resolved number is the exit code; an unexpected error is
 * printed and exits 1. What every `scripts/*.ts` wrapper does.
 *
 * @example
 * runMain(() => runDevCli(process.argv.slice(2)));
 */
export function runMain(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
