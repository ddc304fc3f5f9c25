import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';

/** An event of the contracts registry, as the scaffold needs it: its name and its owning service. */
export interface EventInfo {
  name: string;
  service: string;
}

/** The repository the scaffold writes into: its root, its services and its event contracts. */
export interface MeshRepo {
  root: string;
  /** The folders of `services/` that hold a package.json, sorted. */
  services: string[];
  /** The services of `serverless-compose.yml`, in file order. */
  composed: string[];
  /** Every event of the contracts registry, in catalogue order. */
  events: readonly EventInfo[];
}

/** Where the mesh keeps what the scaffold reads and edits, relative to the repository root. */
export const LAYOUT = {
  services: 'services',
  compose: 'serverless-compose.yml',
  contracts: path.join('packages', 'contracts', 'src'),
} as const;

/**
 * The event contracts of the repository's registry (`packages/contracts/src`), loaded at run time so a
 * contract added a minute ago is known. Needs a TypeScript-aware `require` (tsx, jest).
 *
 * @example
 * loadEvents('/work/main').map((e) => e.name); // every event name, in catalogue order
 */
export function loadEvents(root: string): EventInfo[] {
  const registry = path.join(root, LAYOUT.contracts);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(registry) as { events?: readonly EventInfo[] };
  if (!Array.isArray(loaded.events)) throw new Error(`${registry} exports no events registry`);
  return loaded.events.map(({ name, service }) => ({ name, service }));
}

/**
 * Reads what the scaffold needs of the repository at `root`; `events` defaults to {@link loadEvents}.
 *
 * @example
 * const repo = readRepo('/work/main');
 */
export function readRepo(root: string, events: readonly EventInfo[] = loadEvents(root)): MeshRepo {
  const servicesDir = path.join(root, LAYOUT.services);
  const services = existsSync(servicesDir)
    ? readdirSync(servicesDir)
        .filter((name) => existsSync(path.join(servicesDir, name, 'package.json')))
        .sort()
    : [];
  const composeFile = path.join(root, LAYOUT.compose);
  const compose = existsSync(composeFile) ? parseDocument(readFileSync(composeFile, 'utf8')).toJS() : undefined;
  const composed = Object.keys((compose as { services?: object } | undefined)?.services ?? {});
  return { root, services, composed, events };
}
