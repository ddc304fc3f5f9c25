/**
 * The shared mesh's own process (started by globalSetup.ts with `node --import tsx`): starts every service of
 * the compose file and the local console on free ports under the stage `shared`, writes where it listens to
 * the state file named by its first argument, and stops the mesh on SIGTERM, SIGINT or when jest's process
 * goes away (its IPC channel closes). Its own process, not jest's: the services get their own log level, and
 * jest's main process keeps to scheduling the tests.
 */
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { startMesh, type StartedMesh } from '@mesh/offline';
import { startConsole } from '@mesh/ops';
import { writeSharedMeshState, type SharedMesh } from '../harness/sharedMesh';

export const SHARED_STAGE = 'shared';
const ACCOUNT_ID = '000000000000';

function describeMesh(mesh: StartedMesh, logFile: string): SharedMesh {
  return {
    edgeUrl: mesh.edgeUrl,
    httpUrl: mesh.httpUrl,
    websocketUrl: mesh.websocketUrl,
    consoleUrl: mesh.consoleUrl!,
    stage: mesh.stage,
    region: mesh.region,
    accountId: ACCOUNT_ID,
    services: mesh.services.map((service) => ({
      name: service.name,
      outputs: service.provisioned.outputs,
      queues: service.queues,
      tables: service.tables,
      functions: service.functions,
    })),
    logFile,
  };
}

async function main(statePath: string, logFile: string): Promise<void> {
  const log = createWriteStream(logFile, { flags: 'a' });
  const controller = new AbortController();
  const started = startMesh({
    rootDir: path.resolve(__dirname, '../../..'),
    stage: SHARED_STAGE,
    accountId: ACCOUNT_ID,
    edgePort: 0,
    httpPort: 0,
    websocketPort: 0,
    console: { port: 0, start: startConsole },
    onLog: (service, line) => log.write(`[${service}] ${line}\n`),
    signal: controller.signal,
  });
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      controller.abort();
      const mesh = await started.catch(() => undefined);
      await mesh?.stop();
      log.end();
      process.exit(0);
    })();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.once('disconnect', stop);
  try {
    const mesh = await started;
    if (!stopping) writeSharedMeshState(statePath, { mesh: describeMesh(mesh, logFile) });
  } catch (error) {
    if (stopping) return;
    const message = error instanceof Error ? error.message : String(error);
    writeSharedMeshState(statePath, { error: `${message} (the services' output: ${logFile})` });
    log.end();
    process.exit(1);
  }
}

const [statePath, logFile] = process.argv.slice(2);
if (!statePath || !logFile) {
  process.stderr.write('usage: runSharedMesh.ts <state file> <log file>\n');
  process.exit(2);
}
void main(statePath, logFile);
