import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MeshStartError, startMesh } from '../../../src/runner';
import { descendantsOf, isRunning, pollUntil } from '@mesh/testing';

const ROOT = path.resolve(__dirname, '../../../../..');

function runScript(script: string, args: string[]) {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, out: () => out, err: () => err };
}

describe('npm run emulators, as a process', () => {
  it('prints a line per step and a banner, then stops everything on SIGTERM and exits 0', async () => {
    const run = runScript('scripts/emulators.ts', ['--edge-port', '0']);
    await pollUntil('the ready banner', 60_000, async () =>
      run.out().includes('Offline AWS ready') ? true : undefined,
    );
    expect(run.err()).toMatch(/✓ fauxqs \(SQS \+ S3\)\s+\d+\.\d s/);
    expect(run.err()).toMatch(/✓ DynamoDB Local \(in memory\)\s+\d+\.\d s/);
    const started = descendantsOf(run.child.pid!);
    expect(started.some((p) => /fauxqsLauncher/.test(p.args))).toBe(true);
    expect(started.some((p) => /java/.test(p.args))).toBe(true);

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.err()).toContain('SIGTERM: stopping');
    // tsx's own esbuild service ends when its pipe closes, a moment after the process.
    await pollUntil('every child to exit', 5_000, async () =>
      started.some((p) => isRunning(p.pid)) ? undefined : true,
    );
  });

  it('exits 1 with the reason when the edge port is taken, leaving nothing behind', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const run = runScript('scripts/emulators.ts', ['--edge-port', String(port)]);
      expect(await run.exited).toBe(1);
      expect(run.err()).toContain(`port ${port} on 127.0.0.1 is taken`);
    } finally {
      blocker.close();
    }
  });

  it('exits 2 on an unknown flag, before starting anything', async () => {
    const run = runScript('scripts/dev.ts', ['--egde-port', '1']);
    expect(await run.exited).toBe(2);
    expect(run.err()).toContain('dev: unknown flag --egde-port');
  });
});

describe('startMesh when a service cannot be packaged', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mesh-broken-'));
    mkdirSync(path.join(dir, 'services/broken'), { recursive: true });
    writeFileSync(path.join(dir, 'services/broken/serverless.yml'), 'service: broken\nprovider:\n  name: nowhere\n');
    writeFileSync(path.join(dir, 'serverless-compose.yml'), 'services:\n  broken:\n    path: services/broken\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops what it started and rejects with the failing step and the CLI output', async () => {
    const before = new Set(descendantsOf(process.pid).map((p) => p.pid));
    const failure = startMesh({ rootDir: dir, stage: 'broken', edgePort: 0, httpPort: 0, websocketPort: 0 });
    await expect(failure).rejects.toThrow(MeshStartError);
    await expect(failure).rejects.toThrow(/^package: serverless package wrote no CloudFormation template for broken/);
    const left = descendantsOf(process.pid).filter((p) => !before.has(p.pid) && /fauxqs|java|serverless/.test(p.args));
    expect(left).toEqual([]);
  });
});
