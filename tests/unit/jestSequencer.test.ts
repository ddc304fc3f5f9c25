import { existsSync } from 'node:fs';
import path from 'node:path';

// The sequencer is jest configuration (CommonJS, beside jest.config.js), loaded as jest loads it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Sequencer = require('../../scripts/jest-sequencer.js') as new (options: { contexts: unknown[] }) => {
  sort(tests: FakeTest[]): FakeTest[];
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const timings = require('../../scripts/jest-timings.json') as Record<string, number>;

const ROOT = path.resolve(__dirname, '../..');

interface FakeTest {
  path: string;
  // No jest cache: a fresh clone's run.
  context: { config: { cache: boolean; displayName?: { name: string } }; hasteFS: { getSize(): number } };
}

const fakeTest = (file: string, project: string): FakeTest => ({
  path: path.join(ROOT, file),
  context: { config: { cache: false, displayName: { name: project } }, hasteFS: { getSize: () => 1 } },
});

describe('the test sequencer on a fresh clone', () => {
  it('starts the longest files first, by the measured durations, then unknown service files before unit ones', () => {
    const [longest] = Object.entries(timings).sort(([, a], [, b]) => b - a)[0]!;
    const tests = [
      fakeTest('packages/example/tests/unit/quick.test.ts', 'unit'),
      fakeTest('packages/example/tests/service/new.test.ts', 'service'),
      fakeTest(longest, 'service'),
    ];

    const sorted = new Sequencer({ contexts: [] }).sort(tests).map((test) => path.relative(ROOT, test.path));

    expect(sorted).toEqual([
      longest,
      'packages/example/tests/service/new.test.ts',
      'packages/example/tests/unit/quick.test.ts',
    ]);
  });

  it('lists only test files that exist', () => {
    expect(Object.keys(timings).filter((file) => !existsSync(path.join(ROOT, file)))).toEqual([]);
  });
});
