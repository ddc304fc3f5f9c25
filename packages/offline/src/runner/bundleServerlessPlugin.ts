import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Plugin } from 'esbuild';
import { bundleNodeFile } from '@mesh/infra';
import { OfflineServiceError } from './errors';

/**
 * Plugins the mesh's serverless-offline loads from one bundled file. serverless-esbuild requires about 2,000
 * modules as it loads (effect, ramda, lodash…), close to a second of CPU at each service's start, where its
 * bundle takes under half that. The others load little.
 */
export const BUNDLED_SERVERLESS_PLUGINS = ['serverless-esbuild'] as const;

/**
 * Modules a bundle must leave to Node, by the path they resolve to: esbuild's JavaScript API finds its native
 * binary beside itself, and serverless-esbuild's constants are set by `esbuildWorkFolder.cjs` of @mesh/infra
 * before the plugin loads, which a copy inside the bundle would not see.
 */
const LEAVE_TO_NODE = ['esbuild', 'fsevents', 'serverless-esbuild/dist/constants.js'];

export interface BundleServerlessPluginOptions {
  /** The plugin's package name, e.g. `serverless-esbuild`. */
  plugin: string;
  /** Where the plugin resolves from (a service's folder). */
  fromDir: string;
  /** Bundles are kept as `<cacheDir>/<plugin>-<version>.cjs`. */
  cacheDir: string;
  /** Only a bundle already built: undefined rather than build one now. */
  onlyCached?: boolean;
}

export interface BundledServerlessPlugin {
  /** The file Node would load for `require(plugin)`. */
  entry: string;
  /** The bundle of it, to load instead. */
  bundle: string;
}

function resolveFrom(request: string, dir: string): string | undefined {
  try {
    return require.resolve(request, { paths: [dir] });
  } catch {
    return undefined;
  }
}

/** Leaves the modules of {@link LEAVE_TO_NODE} to Node, required by their absolute path. */
function leaveToNode(fromDir: string): Plugin {
  const kept = new Set(LEAVE_TO_NODE.map((request) => resolveFrom(request, fromDir)).filter(Boolean));
  return {
    name: 'leave-to-node',
    setup(bundler) {
      // Only imports that could be one of them are resolved here (a resolution per import of 2,000 modules
      // would double the build's time).
      bundler.onResolve({ filter: /(^|\/)(esbuild|fsevents|constants(\.js)?)$/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        const resolved = resolveFrom(args.path, args.resolveDir);
        if (resolved && kept.has(resolved)) return { path: resolved, external: true };
        if (args.path === 'fsevents') return { path: args.path, external: true };
        return undefined;
      });
    },
  };
}

/**
 * A Serverless plugin and everything it requires bundled into one CommonJS file, built once per plugin
 * version (and kept under `cacheDir`); `serverlessPluginBundles.cjs` has serverless-offline load it in place
 * of the plugin. Resolves undefined when the plugin is not installed where the service resolves it. The write
 * is atomic (temporary file, then rename). Rejects with {@link OfflineServiceError}.
 *
 * @example
 * const bundled = await bundleServerlessPlugin({ plugin: 'serverless-esbuild', fromDir: serviceDir,
 *   cacheDir: path.join(rootDir, '.mesh/plugin-bundles') });
 */
export async function bundleServerlessPlugin(
  options: BundleServerlessPluginOptions,
): Promise<BundledServerlessPlugin | undefined> {
  const { plugin, fromDir, cacheDir } = options;
  const entry = resolveFrom(plugin, fromDir);
  const manifest = resolveFrom(`${plugin}/package.json`, fromDir);
  if (!entry || !manifest) return undefined;
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  // The plugin's own version and the bundler's: a bundle from another esbuild may differ.
  const esbuildVersion = (
    JSON.parse(readFileSync(require.resolve('esbuild/package.json'), 'utf8')) as { version: string }
  ).version;
  const bundle = path.join(cacheDir, `${plugin.replace(/[@/]/g, '_')}-${version}-esbuild-${esbuildVersion}.cjs`);
  if (existsSync(bundle)) return { entry, bundle };
  if (options.onlyCached) return undefined;
  await mkdir(cacheDir, { recursive: true });
  try {
    await bundleNodeFile({ entry, outfile: bundle, plugins: [leaveToNode(fromDir)] });
    return { entry, bundle };
  } catch (error) {
    throw new OfflineServiceError(`could not bundle the Serverless plugin ${plugin}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/**
 * {@link bundleServerlessPlugin} for each of {@link BUNDLED_SERVERLESS_PLUGINS} installed where `fromDir`
 * resolves them (with `onlyCached`, those already built).
 *
 * @example
 * const pluginBundles = await bundleServerlessPlugins(rootDir, path.join(rootDir, '.mesh/plugin-bundles'));
 */
export async function bundleServerlessPlugins(
  fromDir: string,
  cacheDir: string,
  options: { onlyCached?: boolean } = {},
): Promise<BundledServerlessPlugin[]> {
  const bundled = await Promise.all(
    BUNDLED_SERVERLESS_PLUGINS.map((plugin) => bundleServerlessPlugin({ plugin, fromDir, cacheDir, ...options })),
  );
  return bundled.filter((plugin): plugin is BundledServerlessPlugin => plugin !== undefined);
}
