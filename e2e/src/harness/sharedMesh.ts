import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { pollUntil } from '@mesh/testing';
import { SharedMeshError } from './errors';

/** The env var naming the shared mesh's state file; jest's `e2e` project sets it in its globalSetup. */
export const SHARED_MESH_STATE_ENV = 'MESH_E2E_SHARED_STATE';

/** One service of the shared mesh, as its state file tells it. */
export interface SharedMeshService {
  name: string;
  /** Its stack's outputs (`EventBusName`, `ReceiptsBucketName`, …). */
  outputs: Record<string, string>;
  queues: { logicalId: string; url: string }[];
  tables: string[];
  functions: string[];
}

/** Where the shared mesh listens: what a test file of the `e2e` project reaches it by, over HTTP only. */
export interface SharedMesh {
  edgeUrl: string;
  /** The one REST base URL: `<httpUrl>/<service>/…`. */
  httpUrl: string;
  /** The one WebSocket base URL: `<websocketUrl>/<service>`. */
  websocketUrl: string;
  /** The local console (`@mesh/ops`) started beside it. */
  consoleUrl: string;
  stage: string;
  region: string;
  accountId: string;
  services: SharedMeshService[];
  /** Every line the services printed, for a test that wants to keep them. */
  logFile: string;
}

/** What the shared mesh's process writes once: where the mesh listens, or why it did not start. */
export type SharedMeshState = { mesh: SharedMesh } | { error: string };

/**
 * Writes the state file at once (a reader never sees half of it).
 *
 * @example
 * writeSharedMeshState('/tmp/mesh-e2e-x/mesh.json', { error: 'DynamoDB Local did not start' });
 */
export function writeSharedMeshState(file: string, state: SharedMeshState): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(state));
  renameSync(`${file}.tmp`, file);
}

/**
 * The mesh the test files of jest's `e2e` project share, once it is ready: its globalSetup starts it in the
 * background and names its state file in `MESH_E2E_SHARED_STATE`; this waits for that file. Throws
 * {@link SharedMeshError} when the file is not named (the test was not run by that project) or the mesh failed.
 * Every file shares its stage: a test keeps to its own ids (customers, orders, correlation ids).
 *
 * @example
 * let mesh: SharedMesh;
 * beforeAll(async () => {
 *   mesh = await sharedMesh();
 * }, 300_000);
 */
export async function sharedMesh(timeoutMs = 280_000): Promise<SharedMesh> {
  const file = process.env[SHARED_MESH_STATE_ENV];
  if (!file) {
    throw new SharedMeshError(
      `${SHARED_MESH_STATE_ENV} is not set: the shared mesh is started by the globalSetup of jest's e2e project ` +
        '(run `npx jest <file>` or `npx jest --selectProjects e2e` from the repository root)',
    );
  }
  const state = await pollUntil(
    `the shared mesh (state file ${file})`,
    timeoutMs,
    async () => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SharedMeshState) : undefined),
    { intervalMs: 100 },
  );
  if ('error' in state) throw new SharedMeshError(`the shared mesh did not start: ${state.error}`);
  return state.mesh;
}

/**
 * One output of one service of the shared mesh; throws naming what is missing.
 *
 * @example
 * const busName = outputOf(mesh, 'bus', 'EventBusName');
 */
export function outputOf(mesh: SharedMesh, service: string, output: string): string {
  const value = mesh.services.find((s) => s.name === service)?.outputs[output];
  if (value === undefined) throw new SharedMeshError(`the shared mesh has no output ${output} of ${service}`);
  return value;
}
