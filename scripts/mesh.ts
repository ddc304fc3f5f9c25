/** `npm run mesh -- <command>`: operate the mesh's queues and bus, offline or on AWS. The CLI lives in @mesh/ops. */
import { runMain } from '@mesh/cli';
import { runMeshCli } from '@mesh/ops';

runMain(() => runMeshCli(process.argv.slice(2)));
