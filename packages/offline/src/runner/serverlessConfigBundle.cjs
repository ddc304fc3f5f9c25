/* global require, module, process */
/* eslint-disable @typescript-eslint/no-require-imports -- loaded by the CommonJS preload, not part of the TS build */
// The Serverless CLI (osls) loads a service's `serverless.ts` with `require('tsx/cjs/api').require(path)`:
// tsx transpiles and resolves each module it imports (the workspace packages, zod, the AWS SDK…) one at a
// time, about a second of CPU per service start, and leaves its hooks on every module loaded after (the
// plugins). When the mesh has the same sources bundled into one file (`bundleServerlessConfig` of
// @mesh/infra, cached beside the packaged template under the same source hash), MESH_SERVERLESS_CONFIG_BUNDLE
// names it and the CLI gets that file's exports instead: the same configuration, evaluated in this process
// as serverless.ts would be. Anything else asked of tsx (and the config itself, if the bundle is gone) goes
// to the real tsx, loaded only then. The seam is the module the CLI requires, found from the CLI's own
// location; osls is pinned, re-check on upgrade.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');

/** Puts a stand-in for `tsx/cjs/api` in the module cache of the CLI, if it has not loaded tsx yet. */
function useServerlessConfigBundle(bundle, configPath) {
  let apiPath;
  try {
    const reader = require.resolve('serverless/lib/configuration/read.js', { paths: [process.cwd()] });
    apiPath = require.resolve('tsx/cjs/api', { paths: [path.dirname(reader)] });
  } catch {
    return; // not the CLI this was written for: it loads its config its own way
  }
  if (require.cache[apiPath]) return;

  let real;
  const realApi = () => {
    if (!real) {
      const standIn = require.cache[apiPath];
      delete require.cache[apiPath];
      real = require(apiPath);
      require.cache[apiPath] = standIn;
    }
    return real;
  };
  const standIn = new Module(apiPath, module);
  standIn.filename = apiPath;
  standIn.loaded = true;
  standIn.exports = {
    register: (...args) => realApi().register(...args),
    require: (id, fromFile) => {
      if (path.resolve(id) === configPath && fs.existsSync(bundle)) return require(bundle);
      return realApi().require(id, fromFile);
    },
  };
  require.cache[apiPath] = standIn;
}

if (process.env.MESH_SERVERLESS_CONFIG_BUNDLE) {
  useServerlessConfigBundle(process.env.MESH_SERVERLESS_CONFIG_BUNDLE, path.join(process.cwd(), 'serverless.ts'));
}

module.exports = { useServerlessConfigBundle };
