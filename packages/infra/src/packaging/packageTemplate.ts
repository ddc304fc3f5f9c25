import { existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { ServicePackageError } from '../errors';
import { hashServiceSources } from '../sourceHash';
import { runServerlessPackage } from './runServerlessPackage';

export interface PackageTemplateOptions {
  /** The repository root (its lockfile and workspace packages are part of the hash). */
  rootDir: string;
  serviceDir: string;
  stage: string;
  region?: string;
  /**
   * The service's compose params. The template is packaged with a placeholder for each (see
   * {@link applyParams}), so it does not wait for the params' values and one cached template serves them all.
   */
  paramNames?: readonly string[];
  /** Templates are kept under `<cacheDir>/<service folder>/<stage>/<hash>/`. */
  cacheDir: string;
  timeoutMs?: number;
  /**
   * Package once for every stage: with {@link STAGE_PLACEHOLDER} as the stage, which is then replaced by `stage`
   * in the template and the custom section, as params are. For offline meshes, where a stage is only a name
   * (each test file runs its own): a service whose config branches on its stage gets the placeholder's branch.
   */
  anyStage?: boolean;
}

export interface PackagedTemplate<T> {
  /** The CloudFormation template, with a placeholder where each param's value goes. */
  template: T;
  /** The Serverless `service:` name (`mesh-bus`), which names the stack: `<service>-<stage>`. */
  slsServiceName: string;
  /**
   * The service's Serverless `custom` section, as packaged (from `serverless-state.json`): offline-only
   * settings such as `offlineSeed` live there, never in the template.
   */
  custom?: Record<string, unknown>;
  /** True when the template came from the cache (no `serverless package` run). */
  cached: boolean;
  hash: string;
}

const TEMPLATE_FILE = 'cloudformation-template-update-stack.json';
/** The stage a template packaged for any stage is packaged with: short, and found in no service's config. */
export const STAGE_PLACEHOLDER = 'anystage0';
const STATE_FILE = 'serverless-state.json';
const LOCK_STALE_MS = 240_000;

/** What stands for the param `name` in a packaged template until {@link applyParams} puts its value in. */
export function paramPlaceholder(name: string): string {
  return `mesh-param-${name}-placeholder`;
}

/**
 * The template with each param's placeholder replaced by its value (anywhere in a string).
 *
 * @example
 * applyParams(packaged.template, { eventBusName: 'mesh-dev' });
 */
export function applyParams<T>(template: T, params: Record<string, string>): T {
  let json = JSON.stringify(template);
  for (const [name, value] of Object.entries(params)) {
    json = json.split(paramPlaceholder(name)).join(JSON.stringify(value).slice(1, -1));
  }
  return JSON.parse(json) as T;
}

/** JSON text with the placeholder stage replaced by `stage`; refuses a template that changed its case. */
function withStage(json: string, stage: string | undefined, dir: string): string {
  if (stage === undefined) return json;
  const exact = json.split(STAGE_PLACEHOLDER).length;
  if (json.toLowerCase().split(STAGE_PLACEHOLDER).length !== exact) {
    throw new ServicePackageError(
      `the template in ${dir} holds its stage in another case than given: it cannot be packaged for any stage`,
    );
  }
  return json.split(STAGE_PLACEHOLDER).join(stage);
}

async function readPackaged<T>(dir: string, fallbackName: string, stage?: string) {
  const template = JSON.parse(withStage(await readFile(path.join(dir, TEMPLATE_FILE), 'utf8'), stage, dir)) as T;
  let slsServiceName = fallbackName;
  let custom: Record<string, unknown> | undefined;
  try {
    const state = JSON.parse(withStage(await readFile(path.join(dir, STATE_FILE), 'utf8'), stage, dir)) as {
      service?: { service?: unknown; custom?: Record<string, unknown> };
    };
    if (typeof state.service?.service === 'string') slsServiceName = state.service.service;
    custom = state.service?.custom;
  } catch (error) {
    if (error instanceof ServicePackageError) throw error;
    // no state file: the folder's name will do
  }
  return { template, slsServiceName, ...(custom ? { custom } : {}) };
}

/** Runs `work` holding an exclusive lock file; a lock older than a packaging can take is a crashed holder's. */
async function withLock<R>(lockFile: string, work: () => Promise<R>): Promise<R> {
  for (;;) {
    try {
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const held = await stat(lockFile).catch(() => undefined);
      if (held && Date.now() - held.mtimeMs > LOCK_STALE_MS) await rm(lockFile, { force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockFile, { force: true });
  }
}

/**
 * A service's CloudFormation template from `serverless package` ({@link runServerlessPackage}), cached under a
 * hash of its sources, config, stage and region ({@link hashServiceSources}) — not of its params' values,
 * which {@link applyParams} puts in afterwards — so the dev runner, every test file and the bench package a
 * service once per change, whatever ports or upstream outputs they run with. Packagings of one service and
 * stage are serialized across processes by a lock file, and the loser of a race reads the winner's template.
 *
 * @example
 * const { template } = await packageTemplate({ rootDir, serviceDir, stage: 'dev', paramNames: ['eventBusName'],
 *   cacheDir: path.join(rootDir, '.mesh/package') });
 */
export async function packageTemplate<T = Record<string, unknown>>(
  options: PackageTemplateOptions,
): Promise<PackagedTemplate<T>> {
  const { rootDir, serviceDir } = options;
  // Packaged with the placeholder, read with the stage asked for.
  const stage = options.anyStage ? STAGE_PLACEHOLDER : options.stage;
  const readAs = options.anyStage ? options.stage : undefined;
  const region = options.region ?? 'us-east-1';
  const name = path.basename(serviceDir);
  const paramNames = [...(options.paramNames ?? [])].sort();
  const hash = hashServiceSources(rootDir, serviceDir, { stage, region, paramNames });
  const serviceCache = path.join(options.cacheDir, name, stage);
  const cachedDir = path.join(serviceCache, hash);
  const cachedTemplate = path.join(cachedDir, TEMPLATE_FILE);
  if (existsSync(cachedTemplate)) return { ...(await readPackaged<T>(cachedDir, name, readAs)), cached: true, hash };

  await mkdir(serviceCache, { recursive: true });
  return withLock(path.join(serviceCache, '.lock'), async () => {
    // Another process may have packaged the same sources while this one waited.
    if (existsSync(cachedTemplate)) return { ...(await readPackaged<T>(cachedDir, name, readAs)), cached: true, hash };
    const workDir = path.join(serviceCache, `.tmp-${process.pid}-${Date.now()}`);
    try {
      const output = await runServerlessPackage({
        serviceDir,
        stage,
        region,
        params: Object.fromEntries(paramNames.map((param) => [param, paramPlaceholder(param)])),
        outDir: workDir,
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      });
      if (!existsSync(path.join(workDir, TEMPLATE_FILE))) {
        throw new ServicePackageError(
          `serverless package wrote no CloudFormation template for ${name} in ${serviceDir} (is its provider aws?):\n${output.trim()}`,
        );
      }
      const packaged = await readPackaged<T>(workDir, name, readAs);
      // Older templates of this service are stale: keep only the new one.
      for (const entry of await readdir(serviceCache)) {
        if (!entry.startsWith('.')) await rm(path.join(serviceCache, entry), { recursive: true, force: true });
      }
      // Only the template and the state are kept: the code artifacts are rebuilt by whoever runs the code.
      for (const entry of await readdir(workDir)) {
        if (entry !== TEMPLATE_FILE && entry !== STATE_FILE) await rm(path.join(workDir, entry), { force: true });
      }
      await rename(workDir, cachedDir);
      return { ...packaged, cached: false, hash };
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  });
}
