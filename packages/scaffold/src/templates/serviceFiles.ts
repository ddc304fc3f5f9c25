import type { ServiceContext, SubscriberContext } from './context';

/**
 * The files of a new service that do not belong to its subscriber: the manifest, `serverless.ts`, its
 * declarations, errors, dependencies and store (its table). Paths are relative to the service's folder.
 */
export function serviceFiles(ctx: ServiceContext, sub: SubscriberContext): Record<string, string> {
  const { service, pascal, camel, constant } = ctx;
  const event = sub.events[0]!;
  return {
    'package.json': `${JSON.stringify(
      {
        name: `@mesh/${service}`,
        version: '0.1.0',
        private: true,
        description: `Observes ${event.name} and keeps a record of each event it observes.`,
        license: ctx.license,
        scripts: { package: 'serverless package' },
        dependencies: {
          '@mesh/bus': '*',
          '@mesh/contracts': '*',
          '@mesh/dynamo': '*',
          '@mesh/infra': '*',
          dynamoose: '^4.2.0',
        },
      },
      null,
      2,
    )}\n`,

    'serverless.ts': `import {
  functionRoles,
  meshEsbuild,
  meshOffline,
  meshProvider,
  mergeFragments,
  serviceDashboard,
  subscriptionResources,
} from '@mesh/infra';
import { ${sub.name} } from './src/declarations';
import { ${sub.name}Function } from './src/functions/${sub.name}/config';

// Every subscription's rule, queue, DLQs, policy, alarms and event source mapping, from its declaration.
const mesh = mergeFragments(subscriptionResources(${sub.name}));

// Each function gets its own role from what its config.ts says it touches (and what its trigger needs).
const { functions, roles } = functionRoles('${service}', {
  ${sub.name}: ${sub.name}Function,
});

const dashboard = serviceDashboard({
  service: '${service}',
  declarations: [${sub.name}],
  functions: Object.keys(functions),
});

module.exports = {
  service: '${service}',
  plugins: ['serverless-esbuild', 'serverless-offline'],
  params: {
    // serverless-compose passes the real values on deploy; \`package\` runs before any output exists.
    default: { eventBusName: 'mesh-\${sls:stage}' },
  },
  provider: {
    ...meshProvider,
    // osls's own deployment bucket (code and templates): private, like every bucket of the mesh.
    deploymentBucket: { blockPublicAccess: true },
    environment: {
      ${constant}_TABLE: { Ref: '${pascal}Table' },
      POWERTOOLS_SERVICE_NAME: '${service}',
      NODE_OPTIONS: '--enable-source-maps',
    },
  },
  custom: {
    'serverless-offline': meshOffline,
    esbuild: meshEsbuild,
  },
  functions,
  resources: {
    Resources: {
      ${pascal}Table: {
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          TableName: '${service}-\${sls:stage}',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'eventId', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'eventId', KeyType: 'HASH' }],
          SSESpecification: { SSEEnabled: true },
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        },
      },
      ...roles,
      ...mesh.Resources,
      ...dashboard.Resources,
    },
    Outputs: { ...mesh.Outputs, ...dashboard.Outputs },
  },
};
`,

    'src/declarations.ts': `import { ${event.name} } from '@mesh/contracts';
import { subscription } from '@mesh/infra';

/** The ${event.name} events of ${event.service}, through one queue. */
export const ${sub.name} = subscription('${service}', '${sub.kebab}', [${event.name}]);
`,

    'src/errors.ts': `/** The ${service} service's typed errors. */

/** The function's environment lacks what serverless.ts sets: a packaging or a deployment went wrong. */
export class ${pascal}ConfigurationError extends Error {
  override readonly name = '${pascal}ConfigurationError';
}
`,

    'src/dependencies.ts': `import { ${pascal}ConfigurationError } from './errors';
import { Dynamo${pascal}Store } from './store/Dynamo${pascal}Store';
import type { ${pascal}Store } from './store/${pascal}Store';

/** What the ${service} handlers act on: real adapters in Lambda, fakes in unit tests. */
export interface ${pascal}Dependencies {
  store: ${pascal}Store;
}

type Env = Record<string, string | undefined>;

/**
 * The production dependencies, from the function's environment (serverless.ts sets \`${constant}_TABLE\`).
 *
 * @example
 * const { store } = ${camel}Dependencies();
 */
export function ${camel}Dependencies(env: Env = process.env): ${pascal}Dependencies {
  const table = env.${constant}_TABLE;
  if (!table) throw new ${pascal}ConfigurationError('${constant}_TABLE is not set; serverless.ts sets it on every function');
  return { store: new Dynamo${pascal}Store(table) };
}
`,

    [`src/store/${pascal}Store.ts`]: `/** An event the service observed, as stored: keyed by its eventId, its data as JSON. */
export interface ObservedRecord {
  eventId: string;
  type: string;
  occurredAt: string;
  data: string;
}

/** The ${service} table, as the handlers use it (DynamoDB in production, a map in unit tests). */
export interface ${pascal}Store {
  /** Stores an observed event; a redelivery of the same event overwrites its own record with the same content. */
  record(observed: ObservedRecord): Promise<void>;
}
`,

    [`src/store/${camel}Table.ts`]: `import { dynamoose } from '@mesh/dynamo';
import type { Item } from 'dynamoose/dist/Item';
import type { ObservedRecord } from './${pascal}Store';

interface ObservedItem extends Item, ObservedRecord {}

const schema = new dynamoose.Schema(
  {
    eventId: { type: String, hashKey: true },
    type: String,
    occurredAt: String,
    data: String,
  },
  { saveUnknown: false },
);

export type ${pascal}Model = ReturnType<typeof dynamoose.model<ObservedItem>>;
const models = new Map<string, ${pascal}Model>();

/**
 * The model of a ${service} table, made once per table name: dynamoose keeps a global registry. The table is
 * created by CloudFormation (serverless.ts), never by dynamoose at run time.
 */
export function ${camel}Model(tableName: string): ${pascal}Model {
  let model = models.get(tableName);
  if (!model) {
    model = dynamoose.model<ObservedItem>(tableName, schema, { create: false, waitForActive: { enabled: false } });
    models.set(tableName, model);
  }
  return model;
}
`,

    [`src/store/Dynamo${pascal}Store.ts`]: `import type { ObservedRecord, ${pascal}Store } from './${pascal}Store';
import { ${camel}Model, type ${pascal}Model } from './${camel}Table';

/**
 * The ${service} store in DynamoDB through dynamoose.
 *
 * @example
 * await new Dynamo${pascal}Store('${service}-dev').record({ eventId: 'evt-1', type: 'Example', occurredAt: new Date().toISOString(), data: '{}' });
 */
export class Dynamo${pascal}Store implements ${pascal}Store {
  private readonly model: ${pascal}Model;

  constructor(tableName: string) {
    this.model = ${camel}Model(tableName);
  }

  async record(observed: ObservedRecord): Promise<void> {
    await this.model.create(observed, { overwrite: true });
  }
}
`,
  };
}
