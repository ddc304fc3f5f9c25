/** `npm run emulators`: the offline AWS parts alone. A thin wrapper: the runner lives in @mesh/offline. */
import { runEmulatorsCli } from '../packages/offline/src/cli/runEmulators';

runEmulatorsCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
