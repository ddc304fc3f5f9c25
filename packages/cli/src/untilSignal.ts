/** An abort signal that fires on the first of `signals` this process receives. */
export interface SignalWatch {
  signal: AbortSignal;
  /** The name of the signal that fired, if one did. */
  received(): NodeJS.Signals | undefined;
  /** Stops watching; the process's default handling of those signals comes back. */
  dispose(): void;
}

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM into an abort signal for the duration of a long command, so it can clean
 * up (delete a temporary queue, cancel a replay) before it exits. A second signal stops watching and is raised
 * again, so the process's default handling ends it at once.
 *
 * @example
 * const watch = untilSignal();
 * try { await work(watch.signal); } finally { watch.dispose(); }
 */
export function untilSignal(signals: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM']): SignalWatch {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const dispose = () => {
    for (const name of signals) process.off(name, onSignal);
  };
  function onSignal(name: NodeJS.Signals) {
    if (received) {
      // A second Ctrl-C while cleaning up: stop waiting, the way the process would have without us.
      dispose();
      process.kill(process.pid, name);
      return;
    }
    received = name;
    controller.abort(new Error(`received ${name}`));
  }
  for (const name of signals) process.on(name, onSignal);
  return { signal: controller.signal, received: () => received, dispose };
}
