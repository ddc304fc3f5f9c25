import { rmSync } from 'node:fs';

/** Long enough for the mesh to stop its services and emulators on a busy machine; then it is killed. */
const STOP_GRACE_MS = 60_000;

/**
 * globalTeardown of jest's `e2e` project: stops the shared mesh globalSetup.ts started (SIGTERM: it stops every
 * service and emulator, then exits) and removes its state directory.
 *
 * @example
 * // jest.config.js, project e2e:
 * globalTeardown: '<rootDir>/e2e/src/sharedMesh/globalTeardown.ts',
 */
export default async function globalTeardown(): Promise<void> {
  const shared = globalThis.sharedMeshProcess;
  if (!shared) return;
  globalThis.sharedMeshProcess = undefined;
  const { child, dir } = shared;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }
  rmSync(dir, { recursive: true, force: true });
}
