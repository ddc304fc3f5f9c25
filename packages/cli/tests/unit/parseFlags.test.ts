import { parseFlags, UsageError, type ArgSpec } from '../../src';

const specs: ArgSpec[] = [
  { name: 'stage', kind: 'string', env: 'MESH_STAGE', description: 'stage' },
  { name: 'edge-port', kind: 'port', env: 'MESH_EDGE_PORT', description: 'edge' },
  { name: 'persist', kind: 'optionalString', description: 'persist' },
  { name: 'quiet', kind: 'boolean', description: 'quiet' },
];

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
