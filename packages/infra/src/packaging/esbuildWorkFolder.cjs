/* global require, process */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload (`node --require`), not part of the TS build */
// Preloaded (`node --require`) into every Serverless CLI run of ours (package, offline start).
// serverless-esbuild bundles into `<service>/.esbuild`, and every `serverless package` of the service deletes
// that folder when it ends — under a running serverless-offline's handlers, or another packaging's bundles.
// With MESH_ESBUILD_WORK_FOLDER set, this process bundles into that folder instead (e.g. `.mesh/esbuild-dev`,
// git-ignored), which no one else deletes. serverless-esbuild has no CLI option for it, so we set the default
// it reads (`constants.WORK_FOLDER`) before it is loaded; it is pinned, re-check on upgrade.
if (process.env.MESH_ESBUILD_WORK_FOLDER) {
  try {
    const constants = require(require.resolve('serverless-esbuild/dist/constants.js', { paths: [process.cwd()] }));
    constants.WORK_FOLDER = process.env.MESH_ESBUILD_WORK_FOLDER;
  } catch {
    // the service does not use serverless-esbuild
  }
}
