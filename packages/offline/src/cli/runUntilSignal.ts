/** What a CLI prints to; the process's streams by default. */
export interface CliIo {
  out: { write(text: string): unknown };
  err: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
}

export const processIo = (): CliIo => ({ out: process.stdout, err: process.stderr, env: process.env });

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Starts something stoppable, then waits for Ctrl-C / SIGTERM to stop it. A signal during the start aborts it
 * (the starter must honour `signal` and stop what it started). A second signal while stopping exits at once.
 * Resolves with the exit code: 0 after a clean stop, 1 if the start failed, 130 if interrupted while starting.
 */
export async function runUntilSignal<T extends { stop(): Promise<void> }>(
  io: CliIo,
  start: (signal: AbortSignal) => Promise<T>,
  onReady: (started: T) => void,
  describeError: (error: unknown) => string,
): Promise<number> {
  const abort = new AbortController();
  let stopRequested: (() => void) | undefined;
  const stopWanted = new Promise<void>((resolve) => (stopRequested = resolve));
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      io.err.write(`\n${signal} again: exiting without waiting.\n`);
      process.exit(130);
    }
    io.err.write(`\n${signal}: stopping…\n`);
    abort.abort();
    stopRequested?.();
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  try {
    let started: T;
    try {
      started = await start(abort.signal);
    } catch (error) {
      io.err.write(`\n${describeError(error)}\n`);
      return abort.signal.aborted ? 130 : 1;
    }
    onReady(started);
    await stopWanted;
    const stopping = performance.now();
    await started.stop();
    io.err.write(`Stopped in ${((performance.now() - stopping) / 1000).toFixed(1)} s.\n`);
    return 0;
  } finally {
    for (const signal of SIGNALS) process.off(signal, onSignal);
  }
}
