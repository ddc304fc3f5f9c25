import { runDevCli, runEmulatorsCli } from '../../../src/cli';

function captureIo(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: { write: (t: string) => out.push(t) }, err: { write: (t: string) => err.push(t) }, env },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

describe('the dev and emulators CLIs', () => {
  it('exit 2 with the reason and the usage on an unknown flag', async () => {
    const dev = captureIo();
    await expect(runDevCli(['--nope'], dev.io)).resolves.toBe(2);
    expect(dev.err()).toContain('dev: unknown flag --nope');
    expect(dev.err()).toContain('Usage: npm run dev');

    const emulators = captureIo();
    await expect(runEmulatorsCli(['--stage', 'x'], emulators.io)).resolves.toBe(2);
    expect(emulators.err()).toContain('emulators: unknown flag --stage');
  });

  it('print their help, with each flag and its environment variable, and exit 0', async () => {
    const dev = captureIo();
    await expect(runDevCli(['--help'], dev.io)).resolves.toBe(0);
    for (const text of ['--stage', 'MESH_STAGE', '--edge-port', 'MESH_EDGE_PORT', '--http-port', 'MESH_HTTP_PORT']) {
      expect(dev.out()).toContain(text);
    }
    expect(dev.out()).toContain('MESH_WS_PORT');

    const emulators = captureIo();
    await expect(runEmulatorsCli(['-h'], emulators.io)).resolves.toBe(0);
    expect(emulators.out()).toContain('Usage: npm run emulators');
  });

  it('exit 2 on a bad port from the environment', async () => {
    const dev = captureIo({ MESH_HTTP_PORT: 'three-thousand' });
    await expect(runDevCli([], dev.io)).resolves.toBe(2);
    expect(dev.err()).toContain('MESH_HTTP_PORT must be a port number');
  });
});
