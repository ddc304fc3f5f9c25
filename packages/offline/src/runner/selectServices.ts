import type { ComposeService } from './composeFile';
import { ComposeFileError } from './errors';

/** The named services and, transitively, those they depend on, in compose order. */
export function selectServices(compose: ComposeService[], names: readonly string[] | undefined): ComposeService[] {
  if (!names || names.length === 0) return compose;
  const byName = new Map(compose.map((service) => [service.name, service]));
  const unknown = names.filter((name) => !byName.has(name));
  if (unknown.length > 0) {
    throw new ComposeFileError(
      `no service ${unknown.join(', ')} in the compose file (it has ${[...byName.keys()].join(', ')})`,
    );
  }
  const wanted = new Set<string>();
  const queue = [...names];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (wanted.has(name)) continue;
    wanted.add(name);
    queue.push(...byName.get(name)!.dependsOn);
  }
  return compose.filter((service) => wanted.has(service.name));
}

/** The step a failed start is reported under, from its error's name. */
export function stepNameOf(error: unknown): string {
  const name = (error as Error | undefined)?.name;
  if (name === 'ServicePackageError') return 'package';
  if (name === 'OfflineServiceError') return 'serverless offline';
  if (name === 'ComposeFileError') return 'serverless-compose.yml';
  if (name === 'OfflineSeedError') return 'seed';
  return 'start';
}
