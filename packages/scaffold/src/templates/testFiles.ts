import type { EventInfo } from '../meshRepo';
import { pascalCase } from '../names';
import { eventList, type ServiceContext, type SubscriberContext } from './context';

/** A new service's in-memory store, its subscriber's unit test and its template test (paths in the service). */
export function serviceTestFiles(ctx: ServiceContext, sub: SubscriberContext): Record<string, string> {
  const event = sub.events[0]!;
  return {
    [`tests/helpers/InMemory${ctx.pascal}Store.ts`]: `import type { ${ctx.pascal}Store, ObservedRecord } from '../../src/store/${ctx.pascal}Store';

/** The ${ctx.service} store in memory, for unit tests. */
export class InMemory${ctx.pascal}Store implements ${ctx.pascal}Store {
  readonly records = new Map<string, ObservedRecord>();

  async record(observed: ObservedRecord): Promise<void> {
    this.records.set(observed.eventId, observed);
  }
}
`,

    [`tests/unit/${sub.name}.test.ts`]: `import { ${event.name} } from '@mesh/contracts';
import { makeEvent, sqsEvent, sqsRecord } from '@mesh/testing';
import { ${sub.name}Handler } from '../../src/functions/${sub.name}/handler';
import { InMemory${ctx.pascal}Store } from '../helpers/InMemory${ctx.pascal}Store';

describe('the ${sub.name} subscriber of ${ctx.service}', () => {
  let store: InMemory${ctx.pascal}Store;
  let handler: ReturnType<typeof ${sub.name}Handler>;
  beforeEach(() => {
    store = new InMemory${ctx.pascal}Store();
    handler = ${sub.name}Handler({ store });
  });

  it('records each ${event.name} once, however often it is delivered', async () => {
    const event = makeEvent(${event.name});
    const response = await handler(sqsEvent([sqsRecord(event), sqsRecord(event)]));

    expect(response.batchItemFailures).toEqual([]);
    expect([...store.records.values()]).toEqual([
      {
        eventId: event.detail.eventId,
        type: '${event.name}',
        occurredAt: event.detail.occurredAt,
        data: expect.any(String),
      },
    ]);
    expect(JSON.parse(store.records.get(event.detail.eventId)!.data)).toEqual(event.detail.data);
  });

  it('returns a message that is not an event to its queue, records nothing, and takes the rest of the batch', async () => {
    const broken = sqsRecord('not an event');
    const response = await handler(sqsEvent([broken, sqsRecord(makeEvent(${event.name}))]));

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: broken.messageId }]);
    expect(store.records.size).toBe(1);
  });
});
`,

    'tests/template/package.test.ts': `import path from 'node:path';
import { ${event.name} } from '@mesh/contracts';
import { packageService, resourcesOfType, type CloudFormationTemplate } from '@mesh/testing';

/** The template \`serverless package\` makes of ${ctx.service}: what its declarations promise, least privilege. */
describe('serverless package of ${ctx.service}', () => {
  let template: CloudFormationTemplate;
  beforeAll(async () => {
    template = await packageService(path.resolve(__dirname, '../..'), 'ci');
  }, 180_000);

  const props = (id: string) => {
    const resource = template.Resources[id];
    if (!resource) throw new Error(\`no resource \${id} in \${Object.keys(template.Resources).join(', ')}\`);
    return resource.Properties as Record<string, unknown>;
  };

  it('runs every function on nodejs22.x', () => {
    const functions = Object.values(resourcesOfType(template, 'AWS::Lambda::Function'));
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) expect(fn.Properties.Runtime).toBe('nodejs22.x');
  });

  it('deploys the ${sub.name} subscriber, triggered by its queue with partial batch responses', () => {
    expect(props('${pascalCase(sub.name)}LambdaFunction').FunctionName).toBe('${ctx.service}-ci-${sub.name}');
    const mappings = Object.values(resourcesOfType(template, 'AWS::Lambda::EventSourceMapping'));
    expect(mappings.map((m) => m.Properties)).toContainEqual(
      expect.objectContaining({
        FunctionName: { 'Fn::GetAtt': ['${pascalCase(sub.name)}LambdaFunction', 'Arn'] },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        EventSourceArn: { 'Fn::GetAtt': ['${pascalCase(sub.kebab)}Queue', 'Arn'] },
      }),
    );
  });

  it('routes ${event.name} from its owner to the queue, which redrives to a DLQ', () => {
    expect(props('${pascalCase(sub.kebab)}Rule')).toMatchObject({
      EventBusName: 'mesh-ci',
      EventPattern: { source: [${event.name}.source], 'detail-type': [${event.name}.detailType] },
    });
    expect(props('${pascalCase(sub.kebab)}Queue')).toMatchObject({
      QueueName: '${ctx.service}-ci-${sub.kebab}',
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['${pascalCase(sub.kebab)}Dlq', 'Arn'] } },
    });
  });

  it('owns a table with encryption and point-in-time recovery', () => {
    expect(props('${ctx.pascal}Table')).toMatchObject({
      TableName: '${ctx.service}-ci',
      SSESpecification: { SSEEnabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('gives the subscriber a role of its own: its logs, tracing, putting items in the table and consuming its queue', () => {
    expect(props('${pascalCase(sub.name)}LambdaFunction').Role).toEqual({ 'Fn::GetAtt': ['${pascalCase(sub.name)}Role', 'Arn'] });
    const statements = (
      props('${pascalCase(sub.name)}Role').Policies as { PolicyDocument: { Statement: { Action: string[]; Resource: unknown[] }[] } }[]
    ).flatMap((p) => p.PolicyDocument.Statement);
    expect(statements.flatMap((s) => s.Action)).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'xray:PutTraceSegments',
      'xray:PutTelemetryRecords',
      'dynamodb:PutItem',
      'sqs:ReceiveMessage',
      'sqs:DeleteMessage',
      'sqs:GetQueueAttributes',
    ]);
    expect(statements.find((s) => s.Action.includes('dynamodb:PutItem'))!.Resource).toEqual([
      { 'Fn::GetAtt': ['${ctx.pascal}Table', 'Arn'] },
    ]);
    expect(template.Resources.IamRoleLambdaExecution).toBeUndefined();
  });

  it('leaks nothing offline-only into the deployed template', () => {
    expect(JSON.stringify(template)).not.toMatch(/127\\.0\\.0\\.1|localhost|:4566|serverless-offline/);
  });
});
`,
  };
}

/**
 * The unit test of a subscriber added to an existing service: each observed event reaches its observer,
 * and what it does not observe (`unobserved`, when the registry has one) and what is no event go back.
 */
export function subscriberTestFile(sub: SubscriberContext, unobserved: EventInfo | undefined): string {
  const imports = [...sub.events, ...(unobserved ? [unobserved] : [])];
  const observedCases = sub.events
    .map(
      (e) => `
  it('takes ${e.name} to its observer', async () => {
    const response = await handler(sqsEvent([sqsRecord(makeEvent(${e.name}))]));
    expect(response.batchItemFailures).toEqual([]);
  });
`,
    )
    .join('');
  const unobservedCase = unobserved
    ? `
  it('returns ${unobserved.name}, which it does not observe, to its queue', async () => {
    const record = sqsRecord(makeEvent(${unobserved.name}));
    const response = await handler(sqsEvent([record]));
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
  });
`
    : '';
  return `import { ${eventList(imports)} } from '@mesh/contracts';
import { makeEvent, sqsEvent, sqsRecord } from '@mesh/testing';
import { handler } from '../../src/functions/${sub.name}/handler';

describe('the ${sub.name} subscriber of ${sub.service}', () => {${observedCases}${unobservedCase}
  it('returns a message that is not an event to its queue', async () => {
    const record = sqsRecord('not an event');
    const response = await handler(sqsEvent([record]));
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
  });
});
`;
}
