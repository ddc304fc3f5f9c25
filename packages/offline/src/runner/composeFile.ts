import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ComposeFileError } from './errors';

/** One service of `serverless-compose.yml`, in file order. */
export interface ComposeService {
  /** Its key in the compose file, e.g. `reminders`: also its base path on the REST and WebSocket ports. */
  name: string;
  /** Absolute directory of the service. */
  dir: string;
  /** Params as written: literal strings or `${<service>.<Output>}` references. */
  params: Record<string, string>;
  /** Services whose outputs its params refer to. */
  dependsOn: string[];
}

const OUTPUT_REFERENCE = /\$\{([A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)\}/g;

/**
 * Reads the services of `serverless-compose.yml` (in its order) with their params and the services those
 * params depend on, as `serverless-compose deploy` would order them.
 *
 * @example
 * const services = readComposeFile('/work/main/serverless-compose.yml');
 * // → [{ name: 'bus', … }, { name: 'reminders', params: { eventBusName: '${bus.EventBusName}' }, dependsOn: ['bus'] }]
 */
export function readComposeFile(file: string): ComposeService[] {
  if (!existsSync(file)) throw new ComposeFileError(`${file} does not exist`);
  let document: unknown;
  try {
    document = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ComposeFileError(`${file} is not valid YAML: ${(error as Error).message}`);
  }
  const services = (document as { services?: unknown } | null)?.services;
  if (!services || typeof services !== 'object') throw new ComposeFileError(`${file} has no services`);
  const root = path.dirname(file);
  const result: ComposeService[] = [];
  for (const [name, raw] of Object.entries(services as Record<string, unknown>)) {
    const entry = (raw ?? {}) as { path?: unknown; params?: unknown; dependsOn?: unknown };
    if (typeof entry.path !== 'string') throw new ComposeFileError(`service ${name} has no path in ${file}`);
    const dir = path.resolve(root, entry.path);
    if (!existsSync(dir)) throw new ComposeFileError(`service ${name}: ${dir} does not exist`);
    const params: Record<string, string> = {};
    const dependsOn = new Set<string>(
      Array.isArray(entry.dependsOn) ? entry.dependsOn.map(String) : entry.dependsOn ? [String(entry.dependsOn)] : [],
    );
    for (const [key, value] of Object.entries((entry.params ?? {}) as Record<string, unknown>)) {
      params[key] = String(value);
      for (const match of String(value).matchAll(OUTPUT_REFERENCE)) dependsOn.add(match[1]!);
    }
    result.push({ name, dir, params, dependsOn: [...dependsOn] });
  }
  const names = new Set(result.map((s) => s.name));
  for (const service of result) {
    const unknown = service.dependsOn.filter((d) => !names.has(d));
    if (unknown.length > 0) {
      throw new ComposeFileError(`service ${service.name} refers to unknown service(s) ${unknown.join(', ')}`);
    }
  }
  return result;
}

/**
 * Resolves `${<service>.<Output>}` in a service's params with the outputs of the services already provisioned
 * offline, as serverless-compose does with the deployed stacks' outputs.
 *
 * @example
 * resolveParams({ eventBusName: '${bus.EventBusName}' }, { bus: { EventBusName: 'mesh-dev' } });
 * // → { eventBusName: 'mesh-dev' }
 */
export function resolveParams(
  params: Record<string, string>,
  outputs: Record<string, Record<string, string>>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [
      key,
      value.replace(OUTPUT_REFERENCE, (whole, service: string, output: string) => {
        const resolved = outputs[service]?.[output];
        if (resolved === undefined) {
          throw new ComposeFileError(`param ${key}: ${whole} is not an output of service ${service}`);
        }
        return resolved;
      }),
    ]),
  );
}
