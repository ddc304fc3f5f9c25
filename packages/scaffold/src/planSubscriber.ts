import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import {
  InvalidNameError,
  TargetExistsError,
  UnexpectedSourceError,
  UnknownEventError,
  UnknownServiceError,
} from './errors';
import { LAYOUT, type EventInfo, type MeshRepo } from './meshRepo';
import { checkSubscriberName } from './names';
import type { Plan } from './plan';
import { SourceEdit } from './sourceEdit';
import { subscriberContext, type SubscriberContext } from './templates/context';
import { loggingSubscriberFiles } from './templates/subscriberFiles';
import { subscriberTestFile } from './templates/testFiles';

export interface SubscriberRequest {
  service: string;
  /** camelCase. */
  name: string;
  /** The names of the events it observes, one observer each. */
  events: readonly string[];
}

function observedEvents(repo: MeshRepo, names: readonly string[]): EventInfo[] {
  if (names.length === 0) throw new InvalidNameError('event', '', 'is missing: name at least one event to observe');
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate) throw new InvalidNameError('event', duplicate, 'is named twice');
  return names.map((name) => {
    const found = repo.events.find((e) => e.name === name);
    if (!found)
      throw new UnknownEventError(
        name,
        repo.events.map((e) => e.name),
      );
    return found;
  });
}

function read(root: string, file: string): string {
  const full = path.join(root, file);
  if (!existsSync(full)) throw new UnexpectedSourceError(file, 'expected the file, found none');
  return readFileSync(full, 'utf8');
}

// The declaration joins the service's others; serverless.ts gets the function, its resources and its dashboard.
function editDeclarations(text: string, file: string, sub: SubscriberContext): string {
  const edit = new SourceEdit(file, text);
  if (edit.bindsName(sub.name)) throw new TargetExistsError(`${sub.name} in ${file}`);
  if (text.includes(`'${sub.kebab}'`)) throw new TargetExistsError(`a subscription named '${sub.kebab}' in ${file}`);
  edit
    .addImport(
      '@mesh/contracts',
      sub.events.map((e) => e.name),
    )
    .addImport('@mesh/infra', ['subscription']);
  const list = sub.events.map((e) => e.name).join(', ');
  return `${edit.apply().trimEnd()}\n\nexport const ${sub.name} = subscription('${sub.service}', '${sub.kebab}', [${list}]);\n`;
}

function editServerless(text: string, file: string, sub: SubscriberContext): string {
  const edit = new SourceEdit(file, text);
  if (edit.bindsName(`${sub.name}Function`)) throw new TargetExistsError(`${sub.name}Function in ${file}`);
  edit
    .addImport('./src/declarations', [sub.name])
    .addImport(`./src/functions/${sub.name}/config`, [`${sub.name}Function`])
    .addImport('@mesh/infra', ['subscriptionResources'])
    .addCallArgument('mergeFragments', `subscriptionResources(${sub.name})`);
  // Where the functions go through functionRoles (one least-privilege role each), the function joins them there.
  if (edit.calls('functionRoles')) edit.addCallObjectProperty('functionRoles', `${sub.name}: ${sub.name}Function`);
  else edit.addObjectProperty('functions', `${sub.name}: ${sub.name}Function`);
  if (edit.calls('serviceDashboard')) {
    const inDashboard = (node: ts.Node) =>
      ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'serviceDashboard';
    // A dashboard fed `Object.keys(functions)` follows the functions by itself.
    edit
      .addArrayElement('declarations', sub.name, inDashboard)
      .addArrayElement('functions', `'${sub.name}'`, inDashboard, true);
  }
  return edit.apply();
}

/**
 * What `npm run new -- subscriber <service> <name> <Event...>` writes: the declaration in the service's
 * `src/declarations.ts`, the function in its `serverless.ts` (trigger, resources, dashboard), the handler,
 * one observer per event and a unit test; then the event map. Throws a UsageError (unknown service or event,
 * invalid or taken name, a serverless.ts it cannot edit) before anything is written.
 *
 * @example
 * const plan = planSubscriber(readRepo(root), { service: 'lending', name: 'parcelEvents', events: ['ParcelLost'] });
 */
export function planSubscriber(repo: MeshRepo, request: SubscriberRequest): Plan {
  const { service, name } = request;
  if (!repo.services.includes(service)) throw new UnknownServiceError(service, repo.services);
  checkSubscriberName(service, name);
  const sub = subscriberContext(service, name, observedEvents(repo, request.events));
  const dir = `${LAYOUT.services}/${service}`;
  if (existsSync(path.join(repo.root, dir, 'src', 'functions', name))) {
    throw new TargetExistsError(`${dir}/src/functions/${name}`);
  }
  const declarations = `${dir}/src/declarations.ts`;
  const serverless = `${dir}/serverless.ts`;
  const unobserved = repo.events.find((e) => !sub.events.some((o) => o.name === e.name));
  const files = { ...loggingSubscriberFiles(sub), [`tests/unit/${name}.test.ts`]: subscriberTestFile(sub, unobserved) };
  return {
    summary: `subscriber ${name} of ${service} observes ${request.events.join(', ')}`,
    changes: [
      ...Object.entries(files).map(([file, content]) => ({ path: `${dir}/${file}`, content, create: true })),
      {
        path: declarations,
        content: editDeclarations(read(repo.root, declarations), declarations, sub),
        create: false,
      },
      { path: serverless, content: editServerless(read(repo.root, serverless), serverless, sub), create: false },
    ],
    after: ['event-map', 'catalog', 'readmes'],
  };
}
