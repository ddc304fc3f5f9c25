import path from 'node:path';
import { commands, contracts, events } from '@mesh/contracts';
import { toAsyncApi, type AsyncApiDocument } from '@mesh/contracts/tools';
import { collectDeclarations } from './collectDeclarations';
import { contractUsages } from './contractUsages';

/**
 * The mesh's AsyncAPI 3.0 document, from the contracts and every service's declarations: queue names keep
 * `{stage}` as a channel parameter, as the bus name does.
 *
 * @example
 * writeFileSync('dist/schemas/asyncapi.json', JSON.stringify(meshAsyncApi(repoRoot), null, 2));
 */
export function meshAsyncApi(repoRoot: string): AsyncApiDocument {
  const declarations = collectDeclarations(path.join(repoRoot, 'services'));
  return toAsyncApi({
    title: 'Event mesh',
    version: '1.0.0',
    description:
      'Events on one EventBridge bus (each routed by a rule to its subscribers’ SQS queues) and commands on the owning services’ SQS FIFO queues.',
    contracts,
    usages: contractUsages(events, commands, declarations, '{stage}'),
    busAddress: 'mesh-{stage}',
  });
}
