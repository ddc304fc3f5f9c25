import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { hashServiceSources } from '@mesh/infra';

const run = promisify(execFile);

/** A CloudFormation template as `serverless package` writes it. */
export interface CloudFormationTemplate {
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> & Record<string, never> }>;
  Outputs?: Record<string, unknown>;
}

const REPO_ROOT = path.resolve(__dirname, '../../..');
/** Templates packaged by tests, by service, stage and source hash (git-ignored with the rest of `.mesh`). */
const CACHE_DIR = path.join(REPO_ROOT, '.mesh', 'test-templates');
const PACKAGE_TIMEOUT_MS = 180_000;
const LOCK_STALE_MS = PACKAGE_TIMEOUT_MS + 30_000;

/**
 * Runs the pinned Serverless CLI (osls) `package` for a service and returns the generated CloudFormation.
 * Dummy credentials keep the CLI from probing the instance metadata endpoint (which would hang on a machine
 * without one); packaging needs no AWS account.
 *
 * Many test files package the same service: the template is cached under a hash of everything that shapes
 * it (the service's sources and config, the workspace packages it uses, the lockfile, the stage), so a
 * service is packaged once per change, not once per test file. Packagings of one service are serialized
 * across jest workers by a lock file, because serverless-esbuild bundles every stage into the same
 * `<service>/.esbuild` folder and deletes it when it ends — under another packaging of the same service.
 *
 * @example
 * const template = await packageService(path.resolve(__dirname, '../..'), 'ci');
 */
export async function packageService(serviceDir: string, stage = 'ci'): Promise<CloudFormationTemplate> {
  const service = path.basename(serviceDir);
  const cached = path.join(
    CACHE_DIR,
    `${service}-${stage}-${hashServiceSources(REPO_ROOT, serviceDir, { stage })}.json`,
  );
  if (existsSync(cached)) return readTemplate(cached);
  await mkdir(CACHE_DIR, { recursive: true });
  return withLock(path.join(CACHE_DIR, `${service}.lock`), async () => {
    // Another worker may have packaged the same sources while this one waited.
    if (existsSync(cached)) return readTemplate(cached);
    const out = await mkdtemp(path.join(tmpdir(), 'mesh-package-'));
    try {
      await runPackage(serviceDir, stage, out);
      const written = path.join(out, 'cloudformation-template-update-stack.json');
      const template = await readTemplate(written);
      await rename(written, cached).catch(() => undefined); // another tmpdir filesystem: the cache is an optimization
      return template;
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
}

async function runPackage(serviceDir: string, stage: string, out: string) {
  const cli = require.resolve('serverless/bin/serverless.js');
  try {
    await run(process.execPath, [cli, 'package', '--stage', stage, '--package', out], {
      cwd: serviceDir,
      timeout: PACKAGE_TIMEOUT_MS,
      env: {
        ...process.env,
        AWS_ACCESS_KEY_ID: 'packaging-only',
        AWS_SECRET_ACCESS_KEY: 'packaging-only',
        AWS_REGION: 'us-east-1',
        AWS_EC2_METADATA_DISABLED: 'true',
        SLS_TELEMETRY_DISABLED: '1',
        SLS_NOTIFICATIONS_MODE: 'off',
      },
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`serverless package failed in ${serviceDir}:\n${stdout}\n${stderr}`, { cause: error });
  }
}

async function readTemplate(file: string): Promise<CloudFormationTemplate> {
  return JSON.parse(await readFile(file, 'utf8')) as CloudFormationTemplate;
}

/** Runs `work` holding an exclusive lock file; a lock older than a packaging's timeout is a crashed holder's. */
async function withLock<T>(lockFile: string, work: () => Promise<T>): Promise<T> {
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

/** The resources of one CloudFormation type, keyed by logical id. */
export function resourcesOfType(template: CloudFormationTemplate, type: string) {
  return Object.fromEntries(Object.entries(template.Resources).filter(([, r]) => r.Type === type));
}
