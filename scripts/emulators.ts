/** `npm run emulators`: the offline AWS parts alone. A thin wrapper: the runner lives in @mesh/offline. */
import { runMain } from '@mesh/cli';
import { runEmulatorsCli } from '@mesh/offline';

runMain(() => runEmulatorsCli(process.argv.slice(2)));
