import { existsSync } from 'node:fs';
import path from 'node:path';
import { ServicePackageError } from '../errors';
import { bundleNodeFile } from './bundleNodeFile';

/** The file a service's `serverless.ts` is bundled into, beside its packaged template. */
export const SERVERLESS_CONFIG_BUNDLE = 'serverless-config.cjs';

export interface BundleServerlessConfigOptions {
  serviceDir: string;
  /** The folder the bundle goes in (`<dir>/serverless-config.cjs`), e.g. the packaged template's cache folder. */
  outDir: string;
}

/**
 * A service's `serverless.ts` and everything it imports (workspace packages and their dependencies) as one
 * CommonJS file, which Node loads in milliseconds where the Serverless CLI's own loader (tsx, one module at a
 * time, each transpiled and resolved through its hooks) took about a second of CPU per start and service.
 * Its exports are the configuration `serverless.ts` exports: it is evaluated at load, in the process that
 * loads it, as `serverless.ts` is (so `process.argv` reads stay live). Resolves with the bundle's path, or
 * undefined when the service has no `serverless.ts`; the write is atomic (temporary file, then rename), so
 * two processes bundling the same sources leave one whole file. Rejects with {@link ServicePackageError}.
 *
 * @example
 * const file = await bundleServerlessConfig({ serviceDir: 'services/reminders', outDir: cachedDir });
 */
export async function bundleServerlessConfig(options: BundleServerlessConfigOptions): Promise<string | undefined> {
  const entry = path.join(options.serviceDir, 'serverless.ts');
  if (!existsSync(entry)) return undefined;
  const outfile = path.join(options.outDir, SERVERLESS_CONFIG_BUNDLE);
  try {
    // The CLI path helpers of this package resolve `serverless` at call time, never while the config loads.
    await bundleNodeFile({ entry, outfile, external: ['serverless'] });
    return outfile;
  } catch (error) {
    throw new ServicePackageError(`could not bundle ${entry} for serverless offline: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
