/** `npm run dev`: the whole mesh offline (@mesh/offline) with the local console (@mesh/ops). A thin wrapper. */
import { runMain } from '@mesh/cli';
import { runDevCli } from '@mesh/offline';
import { startConsole } from '@mesh/ops';

runMain(() => runDevCli(process.argv.slice(2), undefined, startConsole));
