import path from 'node:path';
import { applyParams, packageTemplate } from '@mesh/infra';

/** A CloudFormation template as `serverless package` writes it. */
export interface CloudFormationTemplate {
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> & Record<string, never> }>;
  Outputs?: Record<string, unknown>;
}

const REPO_ROOT = path.resolve(__dirname, '../../..');
/** The same cache as the dev runner's: a service's template is packaged once per change, for both. */
const CACHE_DIR = path.join(REPO_ROOT, '.mesh', 'package');

/**
 * The CloudFormation template of a service, from `packageTemplate` of `@mesh/infra` (the one way the repository
 * runs `serverless package`): cached under a hash of everything that shapes it (the service's sources and
 * config, the workspace packages it uses, the lockfile, the stage), so a service is packaged once per change,
 * not once per test file, and packagings of one service are serialized across jest workers. Its params keep
 * their placeholders (`paramPlaceholder`) unless `params` gives their values.
 *
 * @example
 * const template = await packageService(path.resolve(__dirname, '../..'), 'ci');
 */
export async function packageService(
  serviceDir: string,
  stage = 'ci',
  params: Record<string, string> = {},
): Promise<CloudFormationTemplate> {
  const { template } = await packageTemplate<CloudFormationTemplate>({
    rootDir: REPO_ROOT,
    serviceDir,
    stage,
    paramNames: Object.keys(params),
    cacheDir: CACHE_DIR,
  });
  return applyParams(template, params);
}

/** The resources of one CloudFormation type, keyed by logical id. */
export function resourcesOfType(template: CloudFormationTemplate, type: string) {
  return Object.fromEntries(Object.entries(template.Resources).filter(([, r]) => r.Type === type));
}
