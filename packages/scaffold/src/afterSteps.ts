import { spawnSync } from 'node:child_process';
import type { AfterStep } from './plan';

/** Runs a command in `cwd` with the user's terminal; resolves with its exit status. */
export type RunCommand = (command: string, args: readonly string[], cwd: string) => number;

/** Runs with the output shown, as the user would have typed it. */
export const runInherited: RunCommand = (command, args, cwd) => {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.error) throw result.error;
  return result.status ?? 1;
};

/**
 * The command line of each step: `npm install` records the new workspace in package-lock.json (so a fresh
 * `npm ci` works) and links it; `npm run event-map` redraws docs/event-map.*, `npm run catalog` the event
 * catalog (docs/catalog/) and `npm run readmes` each service README's facts, all from the code, so the
 * tests that keep them fresh pass.
 */
export const AFTER_STEP_COMMANDS: Record<AfterStep, readonly string[]> = {
  install: ['npm', 'install', '--no-audit', '--no-fund'],
  'event-map': ['npm', 'run', '--silent', 'event-map'],
  catalog: ['npm', 'run', '--silent', 'catalog'],
  readmes: ['npm', 'run', '--silent', 'readmes'],
};
