/** `npm run new -- <service|subscriber|event> …`: writes code of the mesh's convention (@mesh/scaffold). A thin wrapper. */
import path from 'node:path';
import { processIo, runMain } from '@mesh/cli';
import { runNewCli } from '@mesh/scaffold';

runMain(() => runNewCli(process.argv.slice(2), processIo(), { root: path.resolve(__dirname, '..') }));
