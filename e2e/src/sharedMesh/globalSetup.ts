import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SHARED_MESH_STATE_ENV, writeSharedMeshState } from '../harness/sharedMesh';

const ROOT = path.resolve(__dirname, '../../..');
const RUNNER = path.join(__dirname, 'runSharedMesh.ts');

/** What globalTeardown.ts needs of this run's shared mesh (jest runs both hooks in its main process). */
export interface SharedMeshProcess {
  child: ChildProcess;
  dir: string;
}

declare global {
  var sharedMeshProcess: SharedMeshProcess | undefined;
}

/** How long the mesh may take to start on a busy machine before the e2e files are told it did not. */
const START_TIMEOUT_MS = 240_000;

/**
 * globalSetup of jest's `e2e` project (run only when a test of that project runs): starts the shared mesh in a
 * process of its own and waits until it is ready or failed, before jest starts any test file. Not in the
 * background: the other files' own meshes and emulators would start beside it, and three starts at once on a
 * saturated 2-core machine left fauxqs unanswered past its start limit (then 20 s) in `npm run test:e2e:loaded`. A failed
 * start does not fail the run (the other projects' tests run): its state file says why, and each e2e file
 * fails with that. The state file is named in `MESH_E2E_SHARED_STATE`, which the workers inherit (jest forks
 * them after this); `sharedMesh()` of the harness reads it.
 *
 * @example
 * // jest.config.js, project e2e:
 * globalSetup: '<rootDir>/e2e/src/sharedMesh/globalSetup.ts',
 */
export default async function globalSetup(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mesh-e2e-'));
  const statePath = path.join(dir, 'mesh.json');
  const logFile = path.join(dir, 'services.log');
  process.env[SHARED_MESH_STATE_ENV] = statePath;
  const output = openSync(path.join(dir, 'runner.log'), 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, statePath, logFile], {
    cwd: ROOT,
    env: {
      ...process.env,
      // Errors only: the console shows a dead letter's reason from its handler's error line (as under
      // `npm run dev`); the rest of the services' logs would only cost CPU. jest.setup.js runs in the workers,
      // not here, so its defaults are repeated.
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'ERROR',
      POWERTOOLS_TRACE_ENABLED: process.env.POWERTOOLS_TRACE_ENABLED ?? 'false',
      POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
    },
    // The IPC channel only tells the mesh when jest's process is gone, however it went.
    stdio: ['ignore', output, output, 'ipc'],
  });
  closeSync(output);
  child.once('exit', (code, signal) => {
    if (!existsSync(statePath)) {
      writeSharedMeshState(statePath, {
        error: `its process exited (${signal ?? `code ${code}`}) before it was ready; see ${dir}/runner.log`,
      });
    }
  });
  // Jest's process may end without waiting for it: globalTeardown stops it, and the closed channel otherwise.
  child.unref();
  child.channel?.unref();
  globalThis.sharedMeshProcess = { child, dir };
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!existsSync(statePath)) {
    if (Date.now() > deadline) {
      writeSharedMeshState(statePath, { error: `not ready within ${START_TIMEOUT_MS} ms; see ${dir}` });
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
