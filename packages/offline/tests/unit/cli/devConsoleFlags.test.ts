import { runDevCli } from '../../../src/cli/runDev';
import { formatReadyBanner } from '../../../src/runner/banner';
import type { StartedMesh } from '../../../src/runner/meshTypes';

function captureIo() {
  let out = '';
  let err = '';
  return {
    io: { out: { write: (t: string) => (out += t) }, err: { write: (t: string) => (err += t) }, env: {} },
    out: () => out,
    err: () => err,
  };
}

describe('the console in npm run dev', () => {
  it('documents --console-port (MESH_CONSOLE_PORT, 4000 by default) and --no-console', async () => {
    const dev = captureIo();
    await expect(runDevCli(['--help'], dev.io)).resolves.toBe(0);
    expect(dev.out()).toMatch(
      /--console-port <value>\s+local console \(web UI\) port, 4000 by default \(env MESH_CONSOLE_PORT\)/,
    );
    expect(dev.out()).toMatch(/--no-console\s+do not start the local console/);
  });

  it('refuses a console port that is not a port, before starting anything', async () => {
    const dev = captureIo();
    await expect(runDevCli(['--console-port', 'web'], dev.io)).resolves.toBe(2);
    expect(dev.err()).toContain('--console-port must be a port number');
  });

  it("prints the console's URL in the ready banner, only when it runs", () => {
    const mesh = {
      readyMs: 1000,
      stage: 'dev',
      region: 'us-east-1',
      edgeUrl: 'http://127.0.0.1:4566',
      httpUrl: 'http://127.0.0.1:3000',
      websocketUrl: 'ws://127.0.0.1:3001',
      services: [],
      ignored: [],
    } as unknown as StartedMesh;
    expect(formatReadyBanner({ ...mesh, consoleUrl: 'http://127.0.0.1:4000' })).toMatch(
      /\n {2}console {5}http:\/\/127\.0\.0\.1:4000 /,
    );
    expect(formatReadyBanner(mesh)).not.toContain('console');
  });
});
