// With JEST_TIMINGS=write, writes each test file's duration (seconds) of this run into jest-timings.json, which
// the sequencer (jest-sequencer.js) reads to start the longest files first on a machine with no jest cache.
// Files of at least a second only: the rest weigh nothing in how the workers' time is shared.
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const FILE = path.join(__dirname, 'jest-timings.json');

class TimingsReporter {
  onRunComplete(_contexts, results) {
    if (process.env.JEST_TIMINGS !== 'write') return;
    const timings = JSON.parse(fs.readFileSync(FILE, 'utf8'));
    for (const result of results.testResults) {
      const file = path.relative(ROOT, result.testFilePath).split(path.sep).join('/');
      const seconds = Math.round((result.perfStats.end - result.perfStats.start) / 100) / 10;
      if (seconds >= 1) timings[file] = seconds;
      else delete timings[file];
    }
    const sorted = Object.entries(timings).sort(([, a], [, b]) => b - a);
    fs.writeFileSync(FILE, `${JSON.stringify(Object.fromEntries(sorted), null, 2)}\n`);
  }
}
module.exports = TimingsReporter;
