import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { provisionTemplate } from '../provision';
import { ServicePackageError } from './errors';
import { paramArgs, serverlessCliEnv, serverlessCliPath } from './serverlessCli';
import { hashServiceSources } from '@mesh/infra';
import { OFFLINE_PRELOAD } from './startOfflineService';

/** The CloudFormation template `provisionTemplate` takes, as `serverless package` writes it. */
export type PackagedTemplate = Parameters<typeof provisionTemplate>[0];

export interface PackageServiceTemplateOptions {
  rootDir: string;
  serviceName: string;
  serviceDir: string;
  stage: string;
  region: string;
  params: Record<string, string>;
  /** Templates are kept under `<cacheDir>/<serviceName>/<stage>/<hash>/`. */
  cacheDir: string;
  timeoutMs?: number;
}

export interface PackagedService {
  template: PackagedTemplate;
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
const STATE_FILE = 'serverless-state.json';

function readPackage(dir: string, fallbackName: string): Omit<PackagedService, 'cached' | 'hash'> {
  const template = JSON.parse(readFileSync(path.join(dir, TEMPLATE_FILE), 'utf8')) as PackagedTemplate;
  let slsServiceName = fallbackName;
  let custom: Record<string, unknown> | undefined;
  try {
    const state = JSON.parse(readFileSync(path.join(dir, STATE_FILE), 'utf8')) as {
      service?: { service?: unknown; custom?: Record<string, unknown> };
    };
    if (typeof state.service?.service === 'string') slsServiceName = state.service.service;
    custom = state.service?.custom;
  } catch {
    // an older cache entry without the state file: the compose name will do
  }
  return { template, slsServiceName, ...(custom ? { custom } : {}) };
}
const OUTPUT_TAIL_CHARS = 6_000;
const DEFAULT_TIMEOUT_MS = 180_000;

/**
 * The CloudFormation template of a service, from `serverless package --stage <stage>` run with the pinned
 * CLI, cached under a hash of the service's sources, config, stage and params so a warm start skips it.
 * Rejects with {@link ServicePackageError} (with the CLI's output) when packaging fails.
 *
 * @example
 * const { template, cached } = await packageServiceTemplate({
 *   rootDir, serviceName: 'reminders', serviceDir, stage: 'dev', region: 'us-east-1',
 *   params: { eventBusName: 'mesh-dev' }, cacheDir: path.join(rootDir, '.mesh/package'),
 * });
 */
export async function packageServiceTemplate(options: PackageServiceTemplateOptions): Promise<PackagedService> {
  const { rootDir, serviceName, serviceDir, stage, region, params } = options;
  const hash = hashServiceSources(rootDir, serviceDir, { stage, region, params });
  const serviceCache = path.join(options.cacheDir, serviceName, stage);
  const cachedDir = path.join(serviceCache, hash);
  const cachedTemplate = path.join(cachedDir, TEMPLATE_FILE);
  if (existsSync(cachedTemplate)) return { ...readPackage(cachedDir, serviceName), cached: true, hash };

  mkdirSync(serviceCache, { recursive: true });
  const workDir = path.join(serviceCache, `.tmp-${process.pid}-${Date.now()}`);
  try {
    const output = await runPackage(
      serviceDir,
      ['--stage', stage, '--region', region, '--package', workDir, ...paramArgs(params)],
      {
        region,
        timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        serviceName,
      },
    );
    if (!existsSync(path.join(workDir, TEMPLATE_FILE))) {
      throw new ServicePackageError(
        `serverless package wrote no CloudFormation template for ${serviceName} in ${serviceDir} (is its provider aws?):\n${output.trim()}`,
      );
    }
    const packaged = readPackage(workDir, serviceName);
    // Older templates of this service are stale: keep only the new one.
    for (const entry of readdirSync(serviceCache)) {
      if (!entry.startsWith('.tmp-')) rmSync(path.join(serviceCache, entry), { recursive: true, force: true });
    }
    // Only what the mesh reads is kept; the code artifact is rebuilt by serverless-offline anyway.
    for (const entry of readdirSync(workDir)) {
      if (entry !== TEMPLATE_FILE && entry !== STATE_FILE) rmSync(path.join(workDir, entry), { force: true });
    }
    try {
      renameSync(workDir, cachedDir);
    } catch (error) {
      // Another mesh packaged the same sources meanwhile: its template is as good as ours.
      if (!existsSync(cachedTemplate)) throw error;
    }
    return { ...packaged, cached: false, hash };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

function runPackage(
  serviceDir: string,
  args: string[],
  options: { region: string; timeoutMs: number; serviceName: string },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', OFFLINE_PRELOAD, serverlessCliPath(), 'package', ...args], {
      cwd: serviceDir,
      // Its own bundle folder: the default one (`.esbuild`) is deleted when packaging ends, and may be a
      // running serverless-offline's.
      env: serverlessCliEnv(options.region, { MESH_ESBUILD_WORK_FOLDER: `.mesh/esbuild-package-${process.pid}` }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      keep(Buffer.from(`\n(timed out after ${options.timeoutMs} ms)`));
    }, options.timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new ServicePackageError(`could not run serverless package for ${options.serviceName}: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else
        reject(
          new ServicePackageError(
            `serverless package failed for ${options.serviceName} in ${serviceDir} (code ${code}, signal ${signal}):\n${output.trim()}`,
          ),
        );
    });
  });
}
