/* global require, process, setTimeout */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload (`node --require`), not part of the TS build */
// Preloaded (`node --require`) into each service's `serverless offline start`, which the mesh runs as a child.
//
// 1. serverless-offline passes CloudFormation intrinsics in a function's environment through unresolved:
//    `REMINDERS_TABLE: { Ref: 'RemindersTable' }` reaches the handler as "[object Object]" (it renders
//    only Fn::Join and Fn::Sub). The mesh knows what each resource became offline, so it passes the values in
//    MESH_OFFLINE_REFERENCES (JSON: `{ "Ref:<LogicalId>": value, "GetAtt:<LogicalId>.<Attribute>": value }`)
//    and we resolve them where serverless-offline hands the environment to a handler's worker thread.
// 2. serverless-esbuild bundles into `<service>/.esbuild`, and every `serverless package` of the service (a
//    template test, another mesh) deletes that folder when it ends — under a running serverless-offline's
//    handlers. With MESH_ESBUILD_WORK_FOLDER set, this process bundles into that folder instead (e.g.
//    `.mesh/esbuild-dev`, git-ignored), which no one else deletes. serverless-esbuild has no CLI option for it,
//    so we set the default it reads (`constants.WORK_FOLDER`) before it is loaded; it is pinned, re-check on
//    upgrade.
// 3. The mesh holds fd 3 open; when it closes, the mesh is gone (even if it was killed outright), so we
//    stop too: no orphan serverless-offline.
const workerThreads = require('node:worker_threads');
const { syncBuiltinESMExports } = require('node:module');
const net = require('node:net');

const references = JSON.parse(process.env.MESH_OFFLINE_REFERENCES || '{}');
const unresolved = new Set();

function resolveValue(name, value) {
  if (value === null || typeof value !== 'object') return value;
  let key;
  if (typeof value.Ref === 'string') key = `Ref:${value.Ref}`;
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && getAtt.length === 2) key = `GetAtt:${getAtt[0]}.${getAtt[1]}`;
  if (key && key in references) return references[key];
  if (!unresolved.has(name)) {
    unresolved.add(name);
    process.stderr.write(`[mesh] environment variable ${name} = ${JSON.stringify(value)} cannot be resolved offline\n`);
  }
  return value;
}

const OriginalWorker = workerThreads.Worker;
class ResolvingWorker extends OriginalWorker {
  constructor(filename, options) {
    if (options && options.env && typeof options.env === 'object') {
      const env = {};
      for (const [name, value] of Object.entries(options.env)) env[name] = resolveValue(name, value);
      options = { ...options, env };
    }
    super(filename, options);
  }
}
workerThreads.Worker = ResolvingWorker;
// serverless-offline imports Worker as an ES module binding: publish the change to it.
syncBuiltinESMExports();

if (process.env.MESH_ESBUILD_WORK_FOLDER) {
  try {
    const constants = require(require.resolve('serverless-esbuild/dist/constants.js', { paths: [process.cwd()] }));
    constants.WORK_FOLDER = process.env.MESH_ESBUILD_WORK_FOLDER;
  } catch {
    // the service does not use serverless-esbuild
  }
}

if (process.env.MESH_PARENT_FD === '3') {
  const parent = new net.Socket({ fd: 3, readable: true, writable: false });
  let gone = false;
  const parentGone = () => {
    if (gone) return;
    gone = true;
    process.kill(process.pid, 'SIGTERM');
    setTimeout(() => process.exit(1), 5000).unref();
  };
  parent.on('data', () => undefined);
  parent.on('end', parentGone);
  parent.on('close', parentGone);
  parent.on('error', parentGone);
  // The pipe alone must not keep this process alive.
  parent.unref();
}
