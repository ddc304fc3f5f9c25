import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { TargetExistsError, UnexpectedSourceError, UnknownServiceError } from './errors';
import { LAYOUT, type MeshRepo } from './meshRepo';
import { checkEventName } from './names';
import type { Plan } from './plan';
import { SourceEdit } from './sourceEdit';
import { contractFile } from './templates/otherFiles';

export interface EventRequest {
  /** The service that owns (publishes) the event. */
  service: string;
  /** PascalCase, past tense. */
  name: string;
}

/**
 * What `npm run new -- event <service> <EventName>` writes: a version-1 contract in
 * `packages/contracts/src/<service>/<EventName>.ts`, exported from the package and listed in its registry;
 * then the event map. Throws a UsageError (unknown service, invalid name, an event of that name) before
 * anything is written.
 *
 * @example
 * const plan = planEvent(readRepo(root), { service: 'lending', name: 'ParcelShipped' });
 */
export function planEvent(repo: MeshRepo, request: EventRequest): Plan {
  const { service, name } = request;
  if (!repo.services.includes(service)) throw new UnknownServiceError(service, repo.services);
  checkEventName(name);
  if (repo.events.some((e) => e.name === name)) throw new TargetExistsError(`event contract ${name}`);
  const contracts = LAYOUT.contracts.split(path.sep).join('/');
  const indexFile = `${contracts}/index.ts`;
  const registryFile = `${contracts}/registry.ts`;
  const read = (file: string) => {
    const full = path.join(repo.root, file);
    if (!existsSync(full)) throw new UnexpectedSourceError(file, 'expected the file, found none');
    return readFileSync(full, 'utf8');
  };
  const module = `./${service}/${name}`;
  const registry = new SourceEdit(registryFile, read(registryFile))
    .addImport(module, [name])
    .addVariableArrayElement('events', name)
    .apply();
  return {
    summary: `event ${name} of ${service}`,
    changes: [
      { path: `${contracts}/${service}/${name}.ts`, content: contractFile({ name, service }), create: true },
      { path: indexFile, content: `${read(indexFile).trimEnd()}\nexport * from '${module}';\n`, create: false },
      { path: registryFile, content: registry, create: false },
    ],
    after: ['event-map', 'catalog', 'readmes'],
    // Publishing the snapshot is the developer's call: it freezes the schema, which is still a placeholder.
    next: [
      `fill in the schema, example and description of ${name} in ${contracts}/${service}/${name}.ts`,
      "then publish its snapshot, which npm test's contracts gate wants: npm run contracts -- snapshot",
      'and name it in the registry test that lists the catalogue (packages/contracts/tests/unit/contracts.test.ts)',
    ],
  };
}
