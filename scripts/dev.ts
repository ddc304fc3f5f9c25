/** `npm run dev`: the whole mesh offline. A thin wrapper: the runner lives in @mesh/offline. */
import { runDevCli } from '../packages/offline/src/cli/runDev';

runDevCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
