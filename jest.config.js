const os = require('node:os');

/**
 * One jest run for the whole monorepo. Tests are TypeScript, transpiled by SWC (type errors are caught by
 * `npm run typecheck`, not here). Projects split fast unit tests from tests that start real processes.
 * @type {import('jest').Config}
 */
const swc = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
];
const common = {
  transform: { '^.+\\.ts$': swc },
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFiles: ['<rootDir>/jest.setup.js'],
};

// The e2e files that share one mesh per run (see e2e/src/sharedMesh): every service and the console, on their
// own stage. tour.test.ts (`npm run dev` as a user runs it), soak.test.ts (faults in its own mesh) and
// mesh.test.ts (the start and stop of a mesh) start their own; catalogBrowser.test.ts needs no mesh.
const sharedMeshFiles = ['saga', 'console', 'orderStatusWebSocket', 'meshCliRegistry'];

module.exports = {
  // Jest reads testTimeout only here, not per project. Unit tests are fast anyway; tests that start
  // emulators (DynamoDB Local, fauxqs) need the room.
  testTimeout: 120_000,
  // Two test files at once even on two cores (Jest's default is one fewer than the cores): most of the
  // service tests' time is spent waiting on the emulators and serverless-offline in child processes. On
  // this project's 2-core machines the whole suite took 478 s this way against 600 s one file at a time.
  maxWorkers: Math.max(2, os.availableParallelism() - 1),
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.js', '<rootDir>/scripts/jest-timings-reporter.js'],
  // The longest files first, from durations measured on a fresh clone when jest has none cached.
  testSequencer: '<rootDir>/scripts/jest-sequencer.js',
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/{packages,services}/*/tests/unit/**/*.test.ts',
        '<rootDir>/{e2e,bench}/tests/unit/**/*.test.ts',
        '<rootDir>/eslint/tests/**/*.test.ts',
        // Repository-wide checks: the README and docs/.
        '<rootDir>/tests/unit/**/*.test.ts',
      ],
    },
    {
      ...common,
      displayName: 'service',
      testMatch: [
        '<rootDir>/{packages,services}/*/tests/{service,e2e,conformance,template}/**/*.test.ts',
        '<rootDir>/e2e/tests/{,template/}*.test.ts',
        // A negated match, not testPathIgnorePatterns: a --testPathIgnorePatterns on the command line replaces
        // the latter (test:e2e:loaded gives one), and the files would then run twice, in both projects.
        `!**/e2e/tests/{${sharedMeshFiles.join(',')}}.test.ts`,
      ],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: sharedMeshFiles.map((name) => `<rootDir>/e2e/tests/${name}.test.ts`),
      // Run only when a test of this project runs: `npm run test:unit` starts no mesh.
      globalSetup: '<rootDir>/e2e/src/sharedMesh/globalSetup.ts',
      globalTeardown: '<rootDir>/e2e/src/sharedMesh/globalTeardown.ts',
    },
  ],
};
