import { describeArgs, parseArgs, progressBar, UsageError, type ArgSpec } from '../../src';

const SPECS: ArgSpec[] = [
  { name: 'stage', kind: 'string', description: 'stage' },
  { name: 'max', kind: 'count', description: 'at most' },
  { name: 'json', kind: 'boolean', description: 'json' },
  { name: 'format', kind: 'choice', choices: ['mermaid', 'json'], description: 'format' },
];

describe('parseArgs', () => {
  it('separates positionals from flags, in any order', () => {
    expect(parseArgs(['dlq', '--max', '5', '--json', '--stage=e2e'], SPECS)).toEqual({
      positionals: ['dlq'],
      flags: { max: 5, json: true, stage: 'e2e' },
    });
  });

  it('reads -h as --help and everything after -- as positionals', () => {
    expect(parseArgs(['-h', '--', '--max'], SPECS)).toEqual({ positionals: ['--max'], flags: { help: true } });
  });

  it('keeps a JSON value whole, with = and spaces inside', () => {
    expect(parseArgs(['--stage={"a": "b=c"}'], SPECS).flags.stage).toBe('{"a": "b=c"}');
  });

  it.each([
    [['--nope'], 'unknown flag --nope'],
    [['--nope=1'], 'unknown flag --nope'],
    [['--stage'], '--stage needs a value'],
    [['--stage', '--json'], '--stage needs a value'],
    [['--json=yes'], '--json takes no value'],
    [['--max', '0'], '--max must be a whole number >= 1, not "0"'],
    [['--max', 'ten'], '--max must be a whole number >= 1, not "ten"'],
    [['--format', 'svg'], '--format must be one of mermaid, json, not "svg"'],
  ])('refuses %j with a usage error', (argv, message) => {
    expect(() => parseArgs(argv, SPECS)).toThrow(new UsageError(message));
  });

  it('describes each flag on its own line', () => {
    const help = describeArgs(SPECS);
    expect(help.split('\n')).toHaveLength(4);
    expect(help).toContain('--format mermaid|json');
  });
});

describe('progressBar', () => {
  it('writes plain lines when the stream is not a terminal', () => {
    let text = '';
    const progress = progressBar({ write: (t: string) => (text += t) }, 'moved');
    progress.update(10, 12);
    progress.end();
    expect(text).toBe('moved 10 of 12\n');
  });

  it('redraws one line in place on a terminal', () => {
    let text = '';
    const progress = progressBar({ write: (t: string) => (text += t), isTTY: true }, 'moved');
    progress.update(6, 12);
    progress.update(12, 12);
    progress.end();
    expect(text).toBe(`\r[${'█'.repeat(12)}${'░'.repeat(12)}] 6/12 moved\r[${'█'.repeat(24)}] 12/12 moved\n`);
  });
});
