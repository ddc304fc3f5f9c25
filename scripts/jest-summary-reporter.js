// Ends a jest run with one plain line, "N passed, N failed, N skipped", that any CI can read. Jest prints
// its own summary after every reporter has run, so the line is written as the process exits.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests: passed, numFailedTests: failed, numPendingTests: skipped, numTodoTests: todo } = results;
    const failedSuites = results.numFailedTestSuites + results.numRuntimeErrorTestSuites;
    const line = `${passed} passed, ${failed + failedSuites} failed, ${skipped + todo} skipped\n`;
    process.once('exit', () => process.stderr.write(line));
  }
}
module.exports = SummaryReporter;
