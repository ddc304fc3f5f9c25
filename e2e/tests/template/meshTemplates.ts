import path from 'node:path';
import { readComposeFile, type ComposeService } from '@mesh/offline';
import { packageService, type CloudFormationTemplate } from '@mesh/testing';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const COMPOSE_FILE = path.join(REPO_ROOT, 'serverless-compose.yml');

/** Every service `serverless-compose deploy` deploys, in the compose file's order. */
export function composeServices(): ComposeService[] {
  return readComposeFile(COMPOSE_FILE);
}

/**
 * The deployable CloudFormation template of every service of the compose file (`serverless package`, cached
 * by @mesh/testing under a hash of the sources), one packaging at a time: each is a CPU-heavy esbuild run.
 *
 * @example
 * const templates = await packageMesh(); // Map { 'bus' => { Resources, Outputs }, … }
 */
export async function packageMesh(): Promise<Map<string, CloudFormationTemplate>> {
  const templates = new Map<string, CloudFormationTemplate>();
  for (const service of composeServices()) templates.set(service.name, await packageService(service.dir, 'ci'));
  return templates;
}
