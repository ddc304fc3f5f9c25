import {
  CreateArchiveCommand,
  CreateEventBusCommand,
  DeleteArchiveCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  DescribeArchiveCommand,
  DescribeEventBusCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  EventBridgeClient,
  ListArchivesCommand,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import { startEventBridge, type StartedEventBridge } from '../../../src/eventbridge';

let eventBridge: StartedEventBridge;
let client: EventBridgeClient;
const queueArn = (name: string) => `arn:aws:sqs:eu-west-1:000000000000:${name}`;

beforeAll(async () => {
  eventBridge = await startEventBridge({ region: 'eu-west-1' });
  client = new EventBridgeClient({
    endpoint: eventBridge.url,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
});

afterAll(async () => {
  client.destroy();
  await eventBridge.stop();
});

/** The AWS error code an SDK call rejected with. */
async function errorOf(promise: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

describe('event buses', () => {
  it('always has the default bus', async () => {
    const bus = await client.send(new DescribeEventBusCommand({}));
    expect(bus.Name).toBe('default');
    expect(bus.Arn).toBe('arn:aws:events:eu-west-1:000000000000:event-bus/default');
  });

  it('creates, describes, lists and deletes a custom bus', async () => {
    const created = await client.send(new CreateEventBusCommand({ Name: 'loans', Description: 'order events' }));
    expect(created.EventBusArn).toBe('arn:aws:events:eu-west-1:000000000000:event-bus/loans');

    const described = await client.send(new DescribeEventBusCommand({ Name: created.EventBusArn }));
    expect(described).toMatchObject({ Name: 'loans', Description: 'order events' });
    expect(described.CreationTime).toBeInstanceOf(Date);

    const listed = await client.send(new ListEventBusesCommand({ NamePrefix: 'loa' }));
    expect(listed.EventBuses?.map((b) => b.Name)).toEqual(['loans']);

    await client.send(new DeleteEventBusCommand({ Name: 'loans' }));
    expect((await errorOf(client.send(new DescribeEventBusCommand({ Name: 'loans' })))).name).toBe(
      'ResourceNotFoundException',
    );
  });

  it('refuses a second bus of the same name and the deletion of the default bus', async () => {
    await client.send(new CreateEventBusCommand({ Name: 'twice' }));
    const again = await errorOf(client.send(new CreateEventBusCommand({ Name: 'twice' })));
    expect(again).toMatchObject({ name: 'ResourceAlreadyExistsException', status: 400 });
    expect((await errorOf(client.send(new DeleteEventBusCommand({ Name: 'default' })))).name).toBe(
      'ValidationException',
    );
  });
});

describe('rules', () => {
  const pattern = JSON.stringify({ source: ['mesh.loans'], 'detail-type': ['BookLent'] });

  it('puts, describes, disables, enables and deletes a rule', async () => {
    const { RuleArn } = await client.send(new PutRuleCommand({ Name: 'placed', EventPattern: pattern }));
    expect(RuleArn).toBe('arn:aws:events:eu-west-1:000000000000:rule/placed');

    expect(await client.send(new DescribeRuleCommand({ Name: 'placed' }))).toMatchObject({
      Name: 'placed',
      Arn: RuleArn,
      EventPattern: pattern,
      State: 'ENABLED',
      EventBusName: 'default',
    });
    await client.send(new DisableRuleCommand({ Name: 'placed' }));
    expect((await client.send(new DescribeRuleCommand({ Name: 'placed' }))).State).toBe('DISABLED');
    await client.send(new EnableRuleCommand({ Name: 'placed' }));
    expect((await client.send(new DescribeRuleCommand({ Name: 'placed' }))).State).toBe('ENABLED');

    await client.send(new DeleteRuleCommand({ Name: 'placed' }));
    const gone = await errorOf(client.send(new DescribeRuleCommand({ Name: 'placed' })));
    expect(gone.name).toBe('ResourceNotFoundException');
    expect(gone.message).toBe('Rule placed does not exist on EventBus default.');
  });

  it('builds rule ARNs of a custom bus with the bus name in them', async () => {
    await client.send(new CreateEventBusCommand({ Name: 'mesh' }));
    const { RuleArn } = await client.send(
      new PutRuleCommand({ Name: 'on-mesh', EventBusName: 'mesh', EventPattern: pattern }),
    );
    expect(RuleArn).toBe('arn:aws:events:eu-west-1:000000000000:rule/mesh/on-mesh');
  });

  it('rejects an invalid pattern with InvalidEventPatternException', async () => {
    const error = await errorOf(client.send(new PutRuleCommand({ Name: 'bad', EventPattern: '{"source": "x"' })));
    expect(error.name).toBe('InvalidEventPatternException');
    expect(error.message).toMatch(/^Event pattern is not valid/);
  });

  it('needs a pattern or a schedule, and schedules only on the default bus', async () => {
    expect((await errorOf(client.send(new PutRuleCommand({ Name: 'empty' })))).name).toBe('ValidationException');
    await client.send(new PutRuleCommand({ Name: 'tick', ScheduleExpression: 'rate(5 minutes)', State: 'DISABLED' }));
    expect((await client.send(new DescribeRuleCommand({ Name: 'tick' }))).ScheduleExpression).toBe('rate(5 minutes)');
    expect(
      (await errorOf(client.send(new PutRuleCommand({ Name: 'tock', ScheduleExpression: 'every 5 minutes' })))).name,
    ).toBe('ValidationException');
    await client.send(new CreateEventBusCommand({ Name: 'no-schedules' }));
    expect(
      (
        await errorOf(
          client.send(
            new PutRuleCommand({ Name: 'tick', EventBusName: 'no-schedules', ScheduleExpression: 'rate(1 minute)' }),
          ),
        )
      ).name,
    ).toBe('ValidationException');
  });

  it('lists rules by prefix, a page at a time', async () => {
    await client.send(new CreateEventBusCommand({ Name: 'paged' }));
    for (const name of ['p-3', 'p-1', 'p-2', 'other'])
      await client.send(new PutRuleCommand({ Name: name, EventBusName: 'paged', EventPattern: pattern }));
    const first = await client.send(new ListRulesCommand({ EventBusName: 'paged', NamePrefix: 'p-', Limit: 2 }));
    expect(first.Rules?.map((r) => r.Name)).toEqual(['p-1', 'p-2']);
    expect(first.NextToken).toBeDefined();
    const second = await client.send(
      new ListRulesCommand({ EventBusName: 'paged', NamePrefix: 'p-', Limit: 2, NextToken: first.NextToken }),
    );
    expect(second.Rules?.map((r) => r.Name)).toEqual(['p-3']);
    expect(second.NextToken).toBeUndefined();
  });

  it('answers ResourceNotFoundException for a rule on a missing bus', async () => {
    const error = await errorOf(
      client.send(new PutRuleCommand({ Name: 'r', EventBusName: 'nope', EventPattern: pattern })),
    );
    expect(error).toMatchObject({ name: 'ResourceNotFoundException', message: 'Event bus nope does not exist.' });
  });
});

describe('targets', () => {
  beforeAll(async () => {
    await client.send(new PutRuleCommand({ Name: 'with-targets', EventPattern: '{"source":["mesh.test"]}' }));
  });

  it('puts, lists and removes targets', async () => {
    const put = await client.send(
      new PutTargetsCommand({
        Rule: 'with-targets',
        Targets: [
          { Id: 'queue', Arn: queueArn('q'), InputPath: '$.detail' },
          { Id: 'fn', Arn: 'arn:aws:lambda:eu-west-1:000000000000:function:f' },
        ],
      }),
    );
    expect(put).toMatchObject({ FailedEntryCount: 0, FailedEntries: [] });
    const listed = await client.send(new ListTargetsByRuleCommand({ Rule: 'with-targets' }));
    expect(listed.Targets?.map((t) => t.Id)).toEqual(['queue', 'fn']);
    expect(listed.Targets?.[0]?.InputPath).toBe('$.detail');

    const refused = await errorOf(client.send(new DeleteRuleCommand({ Name: 'with-targets' })));
    expect(refused).toMatchObject({
      name: 'ValidationException',
      message: "Rule can't be deleted since it has targets.",
    });

    await client.send(new RemoveTargetsCommand({ Rule: 'with-targets', Ids: ['queue', 'fn'] }));
    expect((await client.send(new ListTargetsByRuleCommand({ Rule: 'with-targets' }))).Targets).toEqual([]);
    await client.send(new DeleteRuleCommand({ Name: 'with-targets' }));
  });

  it('holds at most 5 targets per rule and 10 per request', async () => {
    await client.send(new PutRuleCommand({ Name: 'crowded', EventPattern: '{"source":["mesh.test"]}' }));
    const targets = (n: number) => Array.from({ length: n }, (_, i) => ({ Id: `t${i}`, Arn: queueArn(`q${i}`) }));
    await client.send(new PutTargetsCommand({ Rule: 'crowded', Targets: targets(5) }));
    expect((await errorOf(client.send(new PutTargetsCommand({ Rule: 'crowded', Targets: targets(6) })))).name).toBe(
      'LimitExceededException',
    );
    expect((await errorOf(client.send(new PutTargetsCommand({ Rule: 'crowded', Targets: targets(11) })))).name).toBe(
      'ValidationException',
    );
  });

  it('requires SqsParameters.MessageGroupId for a FIFO queue target', async () => {
    await client.send(new PutRuleCommand({ Name: 'to-fifo', EventPattern: '{"source":["mesh.test"]}' }));
    const error = await errorOf(
      client.send(new PutTargetsCommand({ Rule: 'to-fifo', Targets: [{ Id: 'f', Arn: queueArn('cmds.fifo') }] })),
    );
    expect(error).toMatchObject({
      name: 'ValidationException',
      message: 'Parameter(s) SqsParameters must be specified for target: f.',
    });
    await client.send(
      new PutTargetsCommand({
        Rule: 'to-fifo',
        Targets: [{ Id: 'f', Arn: queueArn('cmds.fifo'), SqsParameters: { MessageGroupId: 'g' } }],
      }),
    );
  });

  it('validates target ids, input options and retry policies', async () => {
    await client.send(new PutRuleCommand({ Name: 'strict', EventPattern: '{"source":["mesh.test"]}' }));
    const put = (target: Record<string, unknown>) =>
      errorOf(
        client.send(new PutTargetsCommand({ Rule: 'strict', Targets: [{ Id: 't', Arn: queueArn('q'), ...target }] })),
      );
    expect((await put({ Id: 'bad id!' })).name).toBe('ValidationException');
    expect((await put({ Input: '{}', InputPath: '$.detail' })).name).toBe('ValidationException');
    expect((await put({ Input: 'not json' })).name).toBe('ValidationException');
    expect((await put({ InputPath: 'detail' })).name).toBe('ValidationException');
    expect((await put({ RetryPolicy: { MaximumRetryAttempts: 186 } })).name).toBe('ValidationException');
    expect((await put({ RetryPolicy: { MaximumEventAgeInSeconds: 59 } })).name).toBe('ValidationException');
    expect((await put({ Arn: 'not-an-arn' })).name).toBe('ValidationException');
  });

  it('answers ResourceNotFoundException for targets of a missing rule', async () => {
    const error = await errorOf(
      client.send(new PutTargetsCommand({ Rule: 'ghost', Targets: [{ Id: 't', Arn: queueArn('q') }] })),
    );
    expect(error.name).toBe('ResourceNotFoundException');
  });
});

describe('TestEventPattern', () => {
  const event = JSON.stringify({
    id: '1',
    account: '000000000000',
    source: 'mesh.loans',
    time: '2026-01-29T10:00:00Z',
    region: 'eu-west-1',
    'detail-type': 'BookLent',
    resources: [],
    detail: { total: 10 },
  });

  it('tells whether an event matches a pattern', async () => {
    expect(
      (await client.send(new TestEventPatternCommand({ Event: event, EventPattern: '{"source":["mesh.loans"]}' })))
        .Result,
    ).toBe(true);
    expect(
      (await client.send(new TestEventPatternCommand({ Event: event, EventPattern: '{"source":["mesh.other"]}' })))
        .Result,
    ).toBe(false);
  });

  it('rejects an invalid pattern and an event without its envelope fields', async () => {
    expect((await errorOf(client.send(new TestEventPatternCommand({ Event: event, EventPattern: '[]' })))).name).toBe(
      'InvalidEventPatternException',
    );
    expect(
      (
        await errorOf(
          client.send(new TestEventPatternCommand({ Event: '{"source":"x"}', EventPattern: '{"source":["x"]}' })),
        )
      ).name,
    ).toBe('ValidationException');
  });
});

describe('archives', () => {
  it('creates, describes, lists and deletes an archive', async () => {
    const busArn = 'arn:aws:events:eu-west-1:000000000000:event-bus/default';
    const created = await client.send(
      new CreateArchiveCommand({
        ArchiveName: 'all',
        EventSourceArn: busArn,
        EventPattern: '{"source":["mesh.loans"]}',
      }),
    );
    expect(created).toMatchObject({
      ArchiveArn: 'arn:aws:events:eu-west-1:000000000000:archive/all',
      State: 'ENABLED',
    });
    expect(await client.send(new DescribeArchiveCommand({ ArchiveName: 'all' }))).toMatchObject({
      ArchiveName: 'all',
      EventSourceArn: busArn,
      EventCount: 0,
      SizeBytes: 0,
      RetentionDays: 0,
    });
    expect(
      (await client.send(new ListArchivesCommand({ EventSourceArn: busArn }))).Archives?.map((a) => a.ArchiveName),
    ).toEqual(['all']);
    expect(
      (await errorOf(client.send(new CreateArchiveCommand({ ArchiveName: 'all', EventSourceArn: busArn })))).name,
    ).toBe('ResourceAlreadyExistsException');
    await client.send(new DeleteArchiveCommand({ ArchiveName: 'all' }));
    expect((await errorOf(client.send(new DescribeArchiveCommand({ ArchiveName: 'all' })))).name).toBe(
      'ResourceNotFoundException',
    );
  });

  it('refuses an archive of a missing bus', async () => {
    const error = await errorOf(
      client.send(
        new CreateArchiveCommand({
          ArchiveName: 'x',
          EventSourceArn: 'arn:aws:events:eu-west-1:000000000000:event-bus/nope',
        }),
      ),
    );
    expect(error.name).toBe('ResourceNotFoundException');
  });
});

describe('protocol', () => {
  it('answers an unknown operation with UnknownOperationException', async () => {
    const response = await fetch(eventBridge.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSEvents.Teleport' },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      __type: 'UnknownOperationException',
      message: 'Unknown operation Teleport',
    });
  });

  it('answers a body that is not JSON with SerializationException', async () => {
    const response = await fetch(eventBridge.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSEvents.ListRules' },
      body: '{',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { __type: string }).__type).toBe('SerializationException');
  });
});
