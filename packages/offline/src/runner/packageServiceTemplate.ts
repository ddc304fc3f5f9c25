import { packageTemplate, type PackagedTemplate as Packaged } from '@mesh/infra';
import type { CloudFormationTemplate } from '../provision/types';

/** The CloudFormation template `provisionTemplate` takes, as `serverless package` writes it. */
export type PackagedTemplate = CloudFormationTemplate;

export type PackagedService = Packaged<PackagedTemplate>;

export interface PackageServiceTemplateOptions {
  rootDir: string;
  serviceDir: string;
  stage: string;
  region: string;
  /** The service's compose params: their values go in later (`applyParams` of `@mesh/infra`). */
  paramNames: readonly string[];
  /** Templates are kept under `<cacheDir>/<service>/<stage>/<hash>/`. */
  cacheDir: string;
  timeoutMs?: number;
  /** Package once for every stage (`anyStage` of `packageTemplate`). */
  anyStage?: boolean;
}

/**
 * The template of a service for the mesh: `packageTemplate` of `@mesh/infra` (the one way the repository runs
 * `serverless package`, cached by a hash of the service's sources), typed as `provisionTemplate` takes it.
 * It does not wait for the params' values, so every service packages at once, from the start.
 *
 * @example
 * const { template, cached } = await packageServiceTemplate({ rootDir, serviceDir, stage: 'dev',
 *   region: 'us-east-1', paramNames: ['eventBusName'], cacheDir: path.join(rootDir, '.mesh/package') });
 */
export function packageServiceTemplate(options: PackageServiceTemplateOptions): Promise<PackagedService> {
  return packageTemplate<PackagedTemplate>(options);
}
