// Runs the longest test files first, so that jest's workers finish together instead of one of them running a
// long file alone at the end. Jest orders by the durations it cached on this machine's earlier runs; a fresh
// clone (CI) has none, and jest then falls back to file size, which started the soak (a small file, 4 minutes)
// among the last: on a fresh clone one worker ran it alone for minutes while the other sat idle. So a file with
// no cached duration takes its duration from `jest-timings.json` (seconds per file, as measured on a fresh
// clone; `JEST_TIMINGS=write npm test` rewrites it), and a file missing there an estimate by project.
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;
const timings = require('./jest-timings.json');

const ROOT = path.resolve(__dirname, '..');
// Files not in the table yet: a new test starting processes is guessed at a few seconds, a unit test at less.
const UNKNOWN_MS = { service: 5_000, unit: 300 };

class LongestFirstSequencer extends Sequencer {
  time(test) {
    const cached = super.time(test);
    if (cached !== undefined) return cached;
    const measured = timings[path.relative(ROOT, test.path).split(path.sep).join('/')];
    if (measured !== undefined) return measured * 1000;
    return UNKNOWN_MS[test.context.config.displayName?.name] ?? UNKNOWN_MS.service;
  }
}

module.exports = LongestFirstSequencer;
