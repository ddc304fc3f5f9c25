import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleServerlessPlugin } from '../../../src/runner/bundleServerlessPlugin';

const ROOT = path.resolve(__dirname, '../../../../..');
const PRELOAD = path.join(__dirname, '../../../src/runner/serverlessPluginBundles.cjs');

describe('bundleServerlessPlugin', () => {
  let cacheDir: string;
  beforeAll(() => {
    cacheDir = mkdtempSync(path.join(os.tmpdir(), 'plugin-bundles-'));
  });
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

  it('has require of the plugin load its bundle, which leaves esbuild and the preset constants to Node', async () => {
    const bundled = await bundleServerlessPlugin({ plugin: 'serverless-esbuild', fromDir: ROOT, cacheDir });
    expect(bundled?.entry).toBe(require.resolve('serverless-esbuild', { paths: [ROOT] }));
    // A fresh Node with the preload, as serverless-offline runs: which files did `require(plugin)` load?
    const script = `
      const before = new Set(Object.keys(require.cache));
      const plugin = require('serverless-esbuild');
      const loaded = Object.keys(require.cache).filter((file) => !before.has(file));
      console.log(JSON.stringify({ type: typeof (plugin.default ?? plugin), loaded }));`;
    const output = execFileSync(process.execPath, ['--require', PRELOAD, '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, MESH_SERVERLESS_PLUGIN_BUNDLES: JSON.stringify({ [bundled!.entry]: bundled!.bundle }) },
    });
    const { type, loaded } = JSON.parse(output) as { type: string; loaded: string[] };
    expect(type).toBe('function');
    expect(loaded).toContain(bundled!.bundle);
    expect(loaded).toContain(require.resolve('serverless-esbuild/dist/constants.js', { paths: [ROOT] }));
    expect(loaded).toContain(require.resolve('esbuild', { paths: [ROOT] }));
    // Not the plugin's own modules, nor its dependencies': the bundle holds them.
    expect(loaded.filter((file) => /node_modules\/(effect|ramda|lodash)\//.test(file))).toEqual([]);
  });

  it('has nothing to bundle for a plugin that is not installed', async () => {
    await expect(
      bundleServerlessPlugin({ plugin: 'serverless-plugin-not-installed', fromDir: ROOT, cacheDir }),
    ).resolves.toBeUndefined();
  });
});
