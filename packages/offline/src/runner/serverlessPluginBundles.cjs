/* global require, module, process */
/* eslint-disable @typescript-eslint/no-require-imports -- loaded by the CommonJS preload, not part of the TS build */
// Serverless plugins from one bundled file each (`bundleServerlessPlugin.ts`): MESH_SERVERLESS_PLUGIN_BUNDLES
// maps the file Node would load for a plugin (its entry) to its bundle, and a stand-in in the module cache at
// that entry loads the bundle when the CLI requires the plugin (and only then). A bundle that is gone leaves
// the plugin to load as usual.
const fs = require('node:fs');
const Module = require('node:module');

/** Has `require` of each entry load its bundle instead. */
function useServerlessPluginBundles(bundles) {
  for (const [entry, bundle] of Object.entries(bundles)) {
    if (require.cache[entry] || !fs.existsSync(bundle)) continue;
    const standIn = new Module(entry, module);
    standIn.filename = entry;
    standIn.loaded = true;
    let loaded;
    Object.defineProperty(standIn, 'exports', {
      configurable: true,
      enumerable: true,
      get: () => (loaded ??= { value: require(bundle) }).value,
      set: (value) => {
        loaded = { value };
      },
    });
    require.cache[entry] = standIn;
  }
}

if (process.env.MESH_SERVERLESS_PLUGIN_BUNDLES) {
  useServerlessPluginBundles(JSON.parse(process.env.MESH_SERVERLESS_PLUGIN_BUNDLES));
}

module.exports = { useServerlessPluginBundles };
