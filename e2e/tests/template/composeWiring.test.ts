import path from 'node:path';
import { composeServices, packageMesh } from './meshTemplates';

/** `${param:name}` references anywhere in a value (a Serverless config is plain data). */
function paramsRead(config: unknown): Set<string> {
  const found = new Set<string>();
  for (const [, name] of JSON.stringify(config).matchAll(/\$\{param:([A-Za-z0-9_-]+)/g)) found.add(name!);
  return found;
}

interface ServerlessConfig {
  params?: Record<string, Record<string, unknown>>;
}

/** A service's Serverless configuration, as its `serverless.ts` exports it. */
function serverlessConfig(dir: string): ServerlessConfig {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(path.join(dir, 'serverless.ts')) as ServerlessConfig & { default?: ServerlessConfig };
  return loaded.default ?? loaded;
}

const OUTPUT_REFERENCE = /^\$\{([A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)\}$/;

describe('the compose wiring of serverless-compose.yml', () => {
  const services = composeServices();

  it('sets every param from an output that the producing service’s template declares', async () => {
    const templates = await packageMesh();
    const problems: string[] = [];
    for (const service of services) {
      for (const [param, value] of Object.entries(service.params)) {
        const reference = OUTPUT_REFERENCE.exec(value);
        if (!reference) {
          problems.push(`${service.name}.${param} = ${value}: not one producing service's output`);
          continue;
        }
        const [, producer = '', output = ''] = reference;
        const declared = Object.keys(templates.get(producer)?.Outputs ?? {});
        if (!declared.includes(output)) {
          problems.push(`${service.name}.${param} reads ${producer}.${output}, which ${producer} does not output`);
        }
      }
    }
    expect(problems).toEqual([]);
  }, 600_000);

  it('gives every param a service reads a value: from compose, or its own default for a deployment to set', () => {
    const problems: string[] = [];
    for (const service of services) {
      const config = serverlessConfig(service.dir);
      const defaults = Object.keys(config.params?.default ?? {});
      for (const param of paramsRead(config)) {
        if (!(param in service.params) && !defaults.includes(param)) {
          problems.push(
            `${service.name} reads \${param:${param}}, set neither in serverless-compose.yml nor by default`,
          );
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('sets no param a service does not read', () => {
    const unread = services.flatMap((service) => {
      const read = paramsRead(serverlessConfig(service.dir));
      return Object.keys(service.params)
        .filter((param) => !read.has(param))
        .map((param) => `${service.name}.${param}`);
    });
    expect(unread).toEqual([]);
  });

  it('wires the outputs other services read: every service but the bus reads the bus name from it', () => {
    const readers = services.filter((service) => service.params.eventBusName);
    expect(readers.map((service) => service.params.eventBusName)).toEqual(
      readers.map(() => expect.stringMatching(/^\$\{bus\.EventBusName\}$/)),
    );
    expect(readers.length).toBe(services.length - 1);
  });
});
