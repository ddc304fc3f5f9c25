/* global require, process, setTimeout */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload (`node --require`), not part of the TS build */
// Preloaded (`node --require`) into each service's `serverless offline start`, which the mesh runs as a child.
//
// 1. serverless-offline passes CloudFormation intrinsics in a function's environment through unresolved:
//    `LOANS_TABLE: { Ref: 'LoansTable' }` reaches the handler as "[object Object]" (it renders
//    only Fn::Join and Fn::Sub). The mesh knows what each resource became offline, and starts serverless-offline
//    before that is known (while the emulators boot and the service is provisioned), with a placeholder for
//    each compose param. So we resolve all of it where serverless-offline hands the environment to a handler's
//    worker thread — at the first invocation, long after — from MESH_OFFLINE_VALUES_FILE (JSON, written by the
//    mesh once the service is provisioned): `references` (`{ "Ref:<LogicalId>": value,
//    "GetAtt:<LogicalId>.<Attribute>": value }`), `params` (the placeholders' values) and `env` (the
//    endpoints). MESH_OFFLINE_REFERENCES (the references as JSON) serves when there is no file.
// 2. (serverless-esbuild's work folder is @mesh/infra's preload, `esbuildWorkFolder.cjs`, required beside this one.)
// 3. A function's init does not count against its timeout, as on AWS: the mesh passes `--noTimeout` and the
//    Worker installed here keeps the clock instead (see `initOutsideTimeout.cjs`).
// 4. serverless.ts comes from the mesh's bundle of it when there is one (see `serverlessConfigBundle.cjs`),
//    and so do the plugins the mesh bundled (see `serverlessPluginBundles.cjs`).
// 5. The mesh holds fd 3 open; when it closes, the mesh is gone (even if it was killed outright), so we
//    stop too: no orphan serverless-offline.
const workerThreads = require('node:worker_threads');
const { syncBuiltinESMExports } = require('node:module');
const fs = require('node:fs');
const net = require('node:net');
const { withInitOutsideTimeout } = require('./initOutsideTimeout.cjs');
require('./serverlessConfigBundle.cjs');
require('./serverlessPluginBundles.cjs');

const unresolved = new Set();
// What `paramPlaceholder` of @mesh/infra writes in place of a compose param's value.
const PARAM_PLACEHOLDER = /mesh-param-([A-Za-z0-9_]+)-placeholder/g;

function warnOnce(key, message) {
  if (unresolved.has(key)) return;
  unresolved.add(key);
  process.stderr.write(`[mesh] ${message}\n`);
}

/** The values the mesh knows now (the file is read afresh: it is written after this process started). */
function currentValues() {
  const file = process.env.MESH_OFFLINE_VALUES_FILE;
  if (file) {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      warnOnce(file, `offline values not readable yet (${error.code || error.message}): ${file}`);
    }
  }
  return { references: JSON.parse(process.env.MESH_OFFLINE_REFERENCES || '{}') };
}

function resolveValue(name, value, values) {
  const references = values.references || {};
  const params = values.params || {};
  if (typeof value === 'string') {
    return value.replace(PARAM_PLACEHOLDER, (placeholder, param) => {
      if (param in params) return params[param];
      warnOnce(`param:${param}`, `environment variable ${name}: param ${param} has no value offline`);
      return placeholder;
    });
  }
  if (value === null || typeof value !== 'object') return value;
  let key;
  if (typeof value.Ref === 'string') key = `Ref:${value.Ref}`;
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && getAtt.length === 2) key = `GetAtt:${getAtt[0]}.${getAtt[1]}`;
  if (key && key in references) return references[key];
  warnOnce(name, `environment variable ${name} = ${JSON.stringify(value)} cannot be resolved offline`);
  return value;
}

const OriginalWorker = workerThreads.Worker;
class ResolvingWorker extends OriginalWorker {
  constructor(filename, options) {
    if (options && options.env && typeof options.env === 'object') {
      const values = currentValues();
      const env = {};
      for (const [name, value] of Object.entries(options.env)) env[name] = resolveValue(name, value, values);
      Object.assign(env, values.env || {});
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
