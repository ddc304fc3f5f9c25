/* global require, process, setTimeout */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload (`node --require`), not part of the TS build */
// Preloaded (`node --require`) into each service's `serverless offline start`, which the mesh runs as a child.
//
// 1. serverless-offline passes CloudFormation intrinsics in a function's environment through unresolved:
//    `NOTIFICATIONS_TABLE: { Ref: 'NotificationsTable' }` reaches the handler as "[object Object]" (it renders
//    only Fn::Join and Fn::Sub). The mesh knows what each resource became offline, so it passes the values in
//    MESH_OFFLINE_REFERENCES (JSON: `{ "Ref:<LogicalId>": value, "GetAtt:<LogicalId>.<Attribute>": value }`)
//    and we resolve them where serverless-offline hands the environment to a handler's worker thread.
// 2. (serverless-esbuild's work folder is @mesh/infra's preload, `esbuildWorkFolder.cjs`, required beside this one.)
// 3. A function's init does not count against its timeout, as on AWS: the mesh passes `--noTimeout` and the
//    Worker installed here keeps the clock instead (see `initOutsideTimeout.cjs`).
// 4. The mesh holds fd 3 open; when it closes, the mesh is gone (even if it was killed outright), so we
//    stop too: no orphan serverless-offline.
const workerThreads = require('node:worker_threads');
const { syncBuiltinESMExports } = require('node:module');
const net = require('node:net');
const { withInitOutsideTimeout } = require('./initOutsideTimeout.cjs');

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
workerThreads.Worker = withInitOutsideTimeout(ResolvingWorker);
// serverless-offline imports Worker as an ES module binding: publish the change to it.
syncBuiltinESMExports();

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
