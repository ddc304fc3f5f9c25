/** `npm run soak`: the whole mesh offline under injected faults, then its checks. The soak lives in e2e/. */
import path from 'node:path';
import { runMain } from '@mesh/cli';
import { runSoakCli } from '../e2e/src/soak';

process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

runMain(() => runSoakCli(process.argv.slice(2), path.resolve(__dirname, '..')));
