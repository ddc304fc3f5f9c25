import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A CloudFormation template as `serverless package` writes it. */
export interface CloudFormationTemplate {
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> & Record<string, never> }>;
  Outputs?: Record<string, unknown>;
}

/**
 * Runs the pinned Serverless CLI (osls) `package` for a service into a temporary folder and returns the
 * generated CloudFormation. Dummy credentials keep the CLI from probing the instance metadata endpoint
 * (which would hang on a machine without one); packaging needs no AWS account.
 *
 * @example
 * const template = await packageService(path.resolve(__dirname, '../..'), 'ci');
 */
export async function packageService(serviceDir: string, stage = 'ci'): Promise<CloudFormationTemplate> {
  const out = await mkdtemp(path.join(tmpdir(), 'mesh-package-'));
  const cli = require.resolve('serverless/bin/serverless.js');
  try {
    await run(process.execPath, [cli, 'package', '--stage', stage, '--package', out], {
      cwd: serviceDir,
      timeout: 180_000,
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
    return JSON.parse(await readFile(path.join(out, 'cloudformation-template-update-stack.json'), 'utf8'));
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`serverless package failed in ${serviceDir}:\n${stdout}\n${stderr}`, { cause: error });
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** The resources of one CloudFormation type, keyed by logical id. */
export function resourcesOfType(template: CloudFormationTemplate, type: string) {
  return Object.fromEntries(Object.entries(template.Resources).filter(([, r]) => r.Type === type));
}
