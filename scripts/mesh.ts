/** `npm run mesh -- <command>`: operate the mesh's queues and bus, offline or on AWS. The CLI lives in @mesh/offline. */
import { runMeshCli } from '../packages/offline/src/ops/runMeshCli';

runMeshCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
