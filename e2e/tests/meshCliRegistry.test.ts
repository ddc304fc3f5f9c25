// The `mesh` CLI's commands that read the real contract registry (`publish`, `graph`): the example domain's
// events, so they live here rather than in the generic @mesh/ops tests (lint: mesh/no-domain-names).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { CreateEventBusCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { OrderPlaced } from '@mesh/contracts';
import { runMeshCli, type OpsIo } from '@mesh/ops';
import { sharedMesh, type SharedMesh } from '../src/harness';

const run = promisify(execFile);
const REPO_ROOT = path.resolve(__dirname, '../..');
// A bus of its own on the shared mesh's edge: no rule routes its events to the services.
const STAGE = 'opstest';
const credentials = { accessKeyId: 'emu', secretAccessKey: 'emu' };

function captureIo(env: NodeJS.ProcessEnv = {}): OpsIo & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: { write: (text: string) => (out += text) },
    err: { write: (text: string) => (err += text), isTTY: false },
    env,
    stdout: () => out,
    stderr: () => err,
  };
}

/** Runs the real script, as an operator would; resolves with its exit code and output. */
async function meshProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'scripts/mesh.ts', ...args], { cwd: REPO_ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('mesh CLI (npm run mesh) on the example domain, against the offline mesh', () => {
  let mesh: SharedMesh;

  beforeAll(async () => {
    mesh = await sharedMesh();
    const config = { endpoint: mesh.edgeUrl, region: 'us-east-1', credentials };
    const events = new EventBridgeClient(config);
    try {
      await events.send(new CreateEventBusCommand({ Name: `mesh-${STAGE}` }));
    } finally {
      events.destroy();
    }
  }, 300_000);

  it('publishes a valid event to the stage bus and prints its eventId', async () => {
    const io = captureIo();
    const code = await runMeshCli(
      ['publish', 'OrderPlaced', '--data', JSON.stringify(OrderPlaced.example), '--stage', STAGE, '--json'].concat([
        '--endpoint',
        mesh.edgeUrl,
        '--correlation-id',
        'cor-cli-1',
      ]),
      io,
    );
    expect(io.stderr()).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(io.stdout())).toMatchObject({
      detailType: 'OrderPlaced',
      eventBusName: `mesh-${STAGE}`,
      correlationId: 'cor-cli-1',
    });
  });

  it('refuses an event that breaks its contract with exit 1 and each bad field', async () => {
    const data = JSON.stringify({ ...OrderPlaced.example, total: { amount: -1, currency: 'EUR' } });
    const result = await meshProcess([
      'publish',
      'OrderPlaced',
      '--data',
      data,
      '--stage',
      STAGE,
      '--endpoint',
      mesh.edgeUrl,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('OrderPlaced violates its contract');
    expect(result.stderr).toContain('total.amount:');
  }, 60_000);

  it('prints the event map with the orders → OrderPlaced edge', async () => {
    const io = captureIo();
    expect(await runMeshCli(['graph'], io)).toBe(0);
    expect(io.stdout()).toContain('orders --> OrderPlaced');
    const json = captureIo();
    await runMeshCli(['graph', '--format', 'json'], json);
    const map = JSON.parse(json.stdout()) as { events: { name: string; publisher: string }[] };
    expect(map.events).toContainEqual(expect.objectContaining({ name: 'OrderPlaced', publisher: 'orders' }));
  });
});
