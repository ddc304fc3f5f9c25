/** `npm run soak`: the whole mesh offline under injected faults, then its checks. The soak lives in @mesh/offline. */
import path from 'node:path';
import { runSoakCli } from '../packages/offline/src/soak';

process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

runSoakCli(process.argv.slice(2), path.resolve(__dirname, '..')).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
