import { parseFlags, UsageError, type FlagSpec } from '../../../src/cli/parseFlags';
import { runDevCli } from '../../../src/cli/runDev';
import { runEmulatorsCli } from '../../../src/cli/runEmulators';

const specs: FlagSpec[] = [
  { name: 'stage', kind: 'string', env: 'MESH_STAGE', description: 'stage' },
  { name: 'edge-port', kind: 'port', env: 'MESH_EDGE_PORT', description: 'edge' },
  { name: 'persist', kind: 'optionalString', description: 'persist' },
  { name: 'quiet', kind: 'boolean', description: 'quiet' },
];

function captureIo(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: { write: (t: string) => out.push(t) }, err: { write: (t: string) => err.push(t) }, env },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

describe('parseFlags', () => {
  it('reads --name value and --name=value', () => {
    expect(parseFlags(['--stage', 'e2e', '--edge-port=4570'], specs, {})).toEqual({ stage: 'e2e', 'edge-port': 4570 });
  });

  it('takes a flag over its environment variable, and the variable when the flag is absent', () => {
    const env = { MESH_STAGE: 'ci', MESH_EDGE_PORT: '4999' };
    expect(parseFlags(['--stage', 'e2e'], specs, env)).toEqual({ stage: 'e2e', 'edge-port': 4999 });
  });

  it('accepts an optional value or none', () => {
    expect(parseFlags(['--persist'], specs, {})).toEqual({ persist: true });
    expect(parseFlags(['--persist', 'data', '--quiet'], specs, {})).toEqual({ persist: 'data', quiet: true });
  });

  it.each([
    [['--bogus'], 'unknown flag --bogus'],
    [['stray'], 'unexpected argument "stray"'],
    [['--stage'], '--stage needs a value'],
    [['--edge-port', 'abc'], '--edge-port must be a port number'],
    [['--edge-port', '70000'], '--edge-port must be a port number'],
    [['--quiet=yes'], '--quiet takes no value'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseFlags(argv, specs, {})).toThrow(UsageError);
    expect(() => parseFlags(argv, specs, {})).toThrow(message);
  });

  it('refuses a bad port in the environment, naming the variable', () => {
    expect(() => parseFlags([], specs, { MESH_EDGE_PORT: 'x' })).toThrow('MESH_EDGE_PORT must be a port number');
  });
});

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
