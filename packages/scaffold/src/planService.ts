import { readFileSync } from 'node:fs';
import path from 'node:path';
import { addComposeService } from './composeEdit';
import { TargetExistsError, UnknownEventError } from './errors';
import { LAYOUT, type EventInfo, type MeshRepo } from './meshRepo';
import { camelCase, checkServiceName, checkSubscriberName } from './names';
import type { Plan } from './plan';
import { serviceContext, subscriberContext } from './templates/context';
import { readmeFile } from './templates/otherFiles';
import { serviceFiles } from './templates/serviceFiles';
import { recordingSubscriberFiles } from './templates/subscriberFiles';
import { serviceTestFiles } from './templates/testFiles';

export interface ServiceRequest {
  /** kebab-case. */
  name: string;
  /** The event its first subscriber observes; the registry's first event of another service by default. */
  event?: string;
  /** Its first subscriber's name; `<owner of the event>Events` by default. */
  subscriber?: string;
}

/** The event a new service observes: the one asked for, or the first of the registry that another service owns. */
export function eventToObserve(repo: MeshRepo, service: string, wanted: string | undefined): EventInfo {
  const names = repo.events.map((e) => e.name);
  if (wanted !== undefined) {
    const found = repo.events.find((e) => e.name === wanted);
    if (!found) throw new UnknownEventError(wanted, names);
    return found;
  }
  const found = repo.events.find((e) => e.service !== service);
  if (!found) throw new UnknownEventError('(any event of another service)', names);
  return found;
}

/**
 * What `npm run new -- service <name>` writes: a service of the mesh's convention whose one subscriber
 * records an existing event in the service's own table, with a unit test, a template test and a README,
 * added to serverless-compose.yml; then `npm install` (the new workspace in the lockfile) and the event map.
 * Throws a UsageError (invalid name, unknown event, existing service) before anything is written.
 *
 * @example
 * const plan = planService(readRepo(root), { name: 'lending' });
 */
export function planService(repo: MeshRepo, request: ServiceRequest): Plan {
  const { name } = request;
  checkServiceName(name);
  if (repo.services.includes(name)) throw new TargetExistsError(`service ${LAYOUT.services}/${name}`);
  if (repo.composed.includes(name)) throw new TargetExistsError(`service ${name} in ${LAYOUT.compose}`);
  const event = eventToObserve(repo, name, request.event);
  const subscriber = request.subscriber ?? `${camelCase(event.service)}Events`;
  checkSubscriberName(name, subscriber);

  const root = JSON.parse(readFileSync(path.join(repo.root, 'package.json'), 'utf8')) as { license?: string };
  const ctx = serviceContext(name, root.license ?? 'UNLICENSED');
  const sub = subscriberContext(name, subscriber, [event]);
  const files = {
    ...serviceFiles(ctx, sub),
    ...recordingSubscriberFiles(ctx, sub),
    ...serviceTestFiles(ctx, sub),
    'README.md': readmeFile(ctx, sub),
  };
  const composeText = readFileSync(path.join(repo.root, LAYOUT.compose), 'utf8');
  return {
    summary: `service ${name}: subscriber ${subscriber} observes ${event.name} (from ${event.service})`,
    changes: [
      ...Object.entries(files).map(([file, content]) => ({
        path: `${LAYOUT.services}/${name}/${file}`,
        content,
        create: true,
      })),
      { path: LAYOUT.compose, content: addComposeService(composeText, name, LAYOUT.compose), create: false },
    ],
    after: ['install', 'event-map', 'catalog', 'readmes'],
  };
}
