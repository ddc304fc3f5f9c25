/** `npm run bench`: a thin wrapper; the whole-mesh benchmarks live in bench/. */
import { runMain } from '@mesh/cli';
import { runBenchCli } from '../bench/src/runBench';

runMain(() => runBenchCli(process.argv.slice(2)));
