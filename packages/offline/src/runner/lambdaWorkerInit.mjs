// The entry point of a function's worker thread under the mesh (see `initOutsideTimeout.cjs`): it loads the
// handler's module first — the Lambda init phase — tells the main thread it is done, and only then runs
// serverless-offline's own worker helper, which loads the (now cached) module again and serves invocations.
// An invocation posted meanwhile waits in the thread's port until that helper listens.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

const { meshOfflineHelper, codeDir, handler, servicePath } = workerData;

let failed = false;
try {
  // serverless-offline's own loader (from aws-lambda-ric), so init resolves the module exactly as the
  // invocation will, and leaves it in the same module cache.
  const userFunction = path.join(
    path.dirname(meshOfflineHelper),
    '../in-process-runner/aws-lambda-ric/UserFunction.js',
  );
  const { load } = await import(pathToFileURL(userFunction).href);
  await load(servicePath, path.join(codeDir, handler));
} catch {
  // The invocation loads the module again and reports the failure as serverless-offline always has; then, as
  // on AWS after a failed init, the next invocation starts in a new thread (a bundle read while
  // serverless-esbuild rewrote it, on a hot reload, heals that way).
  failed = true;
}
parentPort.postMessage({ meshInitDone: true, failed });
await import(pathToFileURL(meshOfflineHelper).href);
