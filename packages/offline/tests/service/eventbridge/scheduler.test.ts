import { EventBridgeClient, PutRuleCommand } from '@aws-sdk/client-eventbridge';
import {
  CreateScheduleCommand,
  CreateScheduleGroupCommand,
  DeleteScheduleGroupCommand,
  GetScheduleCommand,
  GetScheduleGroupCommand,
  ListScheduleGroupsCommand,
  ListSchedulesCommand,
  SchedulerClient,
  UpdateScheduleCommand,
  DeleteScheduleCommand,
  type CreateScheduleCommandInput,
} from '@aws-sdk/client-scheduler';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import {
  createEventBridgeListener,
  createSchedulerListener,
  EventBridgeEmulator,
  type MatchedHop,
} from '../../../src/eventbridge';
import { startEdge, type StartedEdge } from '../../../src';
import { startSqs, type StartedSqs } from '../../../src/sqs/startSqs';
import { ManualClock } from '../../manualClock';
import { awsCli, itWithCli } from '../awsCli';
import { startLambdaStub, type LambdaStub } from './lambdaStub';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const ROLE = 'arn:aws:iam::000000000000:role/scheduler';
const clock = new ManualClock('2026-03-01T00:00:00Z');
let sqs: StartedSqs;
let lambda: LambdaStub;
let emulator: EventBridgeEmulator;
let edge: StartedEdge;
let scheduler: SchedulerClient;
let sqsClient: SQSClient;
let events: EventBridgeClient;

beforeAll(async () => {
  [sqs, lambda] = await Promise.all([startSqs(), startLambdaStub(['nightly-fn'])]);
  emulator = new EventBridgeEmulator({
    clock,
    sqsEndpoint: sqs.endpoint,
    lambdaEndpoint: lambda.endpoint,
    retry: { baseDelayMs: 10, maxDelayMs: 20 },
  });
  edge = await startEdge({
    port: 0,
    routes: { events: createEventBridgeListener(emulator), scheduler: createSchedulerListener(emulator) },
  });
  scheduler = new SchedulerClient({ endpoint: edge.url, region: 'us-east-1', credentials });
  events = new EventBridgeClient({ endpoint: edge.url, region: 'us-east-1', credentials });
  sqsClient = new SQSClient({ endpoint: sqs.endpoint, region: 'us-east-1', credentials });
});

afterAll(async () => {
  scheduler?.destroy();
  events?.destroy();
  sqsClient?.destroy();
  emulator?.close();
  await edge?.stop();
  await Promise.all([sqs?.stop(), lambda?.stop()]);
});

async function queue(name: string): Promise<{ url: string; arn: string }> {
  const { QueueUrl } = await sqsClient.send(new CreateQueueCommand({ QueueName: name }));
  return { url: QueueUrl!, arn: `arn:aws:sqs:us-east-1:000000000000:${name}` };
}

async function receiveAll(url: string): Promise<Message[]> {
  await emulator.idle();
  const { Messages } = await sqsClient.send(
    new ReceiveMessageCommand({
      QueueUrl: url,
      MaxNumberOfMessages: 10,
      MessageAttributeNames: ['All'],
      WaitTimeSeconds: 1,
    }),
  );
  return Messages ?? [];
}

const schedule = (
  input: Partial<CreateScheduleCommandInput> & { Name: string; Target: CreateScheduleCommandInput['Target'] },
) =>
  scheduler.send(
    new CreateScheduleCommand({ ScheduleExpression: 'rate(1 hour)', FlexibleTimeWindow: { Mode: 'OFF' }, ...input }),
  );

describe('EventBridge Scheduler (SDK v3 through the edge, on a clock the test drives)', () => {
  it('creates, gets, lists, updates and deletes schedules and groups', async () => {
    const { ScheduleGroupArn } = await scheduler.send(new CreateScheduleGroupCommand({ Name: 'team' }));
    const { ScheduleArn } = await schedule({
      Name: 'crud',
      GroupName: 'team',
      State: 'DISABLED',
      Target: { Arn: 'arn:aws:sqs:us-east-1:000000000000:nowhere', RoleArn: ROLE, Input: '{"a":1}' },
    });

    expect(ScheduleGroupArn).toBe('arn:aws:scheduler:us-east-1:000000000000:schedule-group/team');
    expect(ScheduleArn).toBe('arn:aws:scheduler:us-east-1:000000000000:schedule/team/crud');
    expect(await scheduler.send(new GetScheduleCommand({ Name: 'crud', GroupName: 'team' }))).toMatchObject({
      Name: 'crud',
      GroupName: 'team',
      State: 'DISABLED',
      ScheduleExpression: 'rate(1 hour)',
      Target: { Input: '{"a":1}' },
    });
    await scheduler.send(
      new UpdateScheduleCommand({
        Name: 'crud',
        GroupName: 'team',
        ScheduleExpression: 'rate(2 hours)',
        FlexibleTimeWindow: { Mode: 'OFF' },
        State: 'DISABLED',
        Target: { Arn: 'arn:aws:sqs:us-east-1:000000000000:nowhere', RoleArn: ROLE },
      }),
    );
    const listed = await scheduler.send(new ListSchedulesCommand({ GroupName: 'team' }));
    expect(listed.Schedules?.map((s) => s.Name)).toEqual(['crud']);
    expect((await scheduler.send(new ListScheduleGroupsCommand({}))).ScheduleGroups?.map((g) => g.Name)).toEqual([
      'default',
      'team',
    ]);
    await scheduler.send(new DeleteScheduleGroupCommand({ Name: 'team' }));
    await expect(scheduler.send(new GetScheduleCommand({ Name: 'crud', GroupName: 'team' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(scheduler.send(new GetScheduleGroupCommand({ Name: 'team' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('refuses what AWS refuses: a taken name, a bad expression, a bad time zone, a missing group', async () => {
    const target = { Arn: 'arn:aws:sqs:us-east-1:000000000000:q', RoleArn: ROLE };
    await schedule({ Name: 'taken', State: 'DISABLED', Target: target });

    await expect(schedule({ Name: 'taken', Target: target })).rejects.toMatchObject({
      name: 'ConflictException',
      $metadata: { httpStatusCode: 409 },
    });
    await expect(
      schedule({ Name: 'bad', ScheduleExpression: 'cron(0 0 * * * *)', Target: target }),
    ).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await expect(
      schedule({ Name: 'bad', ScheduleExpressionTimezone: 'Mars/Olympus', Target: target }),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(schedule({ Name: 'bad', GroupName: 'absent', Target: target })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await scheduler.send(new DeleteScheduleCommand({ Name: 'taken' }));
  });

  it('sends a cron() schedule’s input to SQS at wall-clock times of its time zone', async () => {
    const { url, arn } = await queue('scheduled-paris');
    const fired: string[] = [];
    emulator.on('published', (hop) => {
      if (hop.event.resources[0]?.endsWith('/paris-nine')) fired.push(hop.event.time);
    });
    await schedule({
      Name: 'paris-nine',
      ScheduleExpression: 'cron(0 9 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Paris',
      Target: { Arn: arn, RoleArn: ROLE, Input: '{"report":"daily"}' },
    });

    clock.advanceTo('2026-03-01T08:30:00Z');
    const first = await receiveAll(url);
    clock.advanceTo('2026-03-30T07:30:00Z');
    await scheduler.send(new DeleteScheduleCommand({ Name: 'paris-nine' }));

    expect(first.map((m) => m.Body)).toEqual(['{"report":"daily"}']);
    expect(fired).toHaveLength(30);
    // 09:00 in Paris: 08:00 UTC in winter, 07:00 UTC once summer time starts (29 March 2026).
    expect(fired.slice(0, 1)).toEqual(['2026-03-01T08:00:00Z']);
    expect(fired.slice(-3)).toEqual(['2026-03-28T08:00:00Z', '2026-03-29T07:00:00Z', '2026-03-30T07:00:00Z']);
  });

  it('fires a one-time at() schedule once, to Lambda, and deletes it after completion when asked', async () => {
    await schedule({
      Name: 'once',
      ScheduleExpression: 'at(2026-04-01T02:00:00)',
      ActionAfterCompletion: 'DELETE',
      Target: { Arn: 'arn:aws:lambda:us-east-1:000000000000:function:nightly-fn', RoleArn: ROLE, Input: '{"x":1}' },
    });

    clock.advanceTo('2026-04-02T00:00:00Z');
    const [invocation] = await lambda.waitFor(1);

    expect(invocation).toMatchObject({ functionName: 'nightly-fn', invocationType: 'Event', payload: { x: 1 } });
    await expect(scheduler.send(new GetScheduleCommand({ Name: 'once' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('puts an event on a bus with the target’s EventBridgeParameters, within its flexible time window', async () => {
    const matched: MatchedHop[] = [];
    emulator.on('matched', (hop) => matched.push(hop));
    await events.send(new PutRuleCommand({ Name: 'from-scheduler', EventPattern: '{"source":["mesh.scheduled"]}' }));
    await schedule({
      Name: 'to-bus',
      ScheduleExpression: 'at(2026-05-01T12:00:00)',
      FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
      Target: {
        Arn: 'arn:aws:events:us-east-1:000000000000:event-bus/default',
        RoleArn: ROLE,
        Input: '{"hello":"bus"}',
        EventBridgeParameters: { Source: 'mesh.scheduled', DetailType: 'Tick' },
      },
    });

    clock.advanceTo('2026-05-01T11:59:59Z');
    await emulator.idle();
    expect(matched.filter((hop) => hop.ruleName === 'from-scheduler')).toHaveLength(0);
    clock.advanceTo('2026-05-01T12:15:00Z');
    await emulator.idle();

    expect(matched.filter((hop) => hop.ruleName === 'from-scheduler').map((hop) => hop.event)).toEqual([
      expect.objectContaining({
        source: 'mesh.scheduled',
        'detail-type': 'Tick',
        detail: { hello: 'bus' },
        resources: ['arn:aws:scheduler:us-east-1:000000000000:schedule/default/to-bus'],
      }),
    ]);
  });

  it('dead-letters a delivery that cannot succeed to the schedule’s DLQ, with the error attributes', async () => {
    const dlq = await queue('scheduler-dlq');
    await schedule({
      Name: 'to-missing-fn',
      ScheduleExpression: 'at(2026-06-01T00:00:00)',
      Target: {
        Arn: 'arn:aws:lambda:us-east-1:000000000000:function:absent-fn',
        RoleArn: ROLE,
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 60 },
        DeadLetterConfig: { Arn: dlq.arn },
      },
    });

    clock.advanceTo('2026-06-01T00:01:00Z');
    const dead = await receiveAll(dlq.url);

    expect(dead).toHaveLength(1);
    expect(dead[0]!.MessageAttributes).toMatchObject({ ERROR_CODE: { StringValue: 'RESOURCE_NOT_FOUND' } });
  });

  itWithCli('answers `aws scheduler create-schedule` and `get-schedule`', async () => {
    await awsCli(edge.url, [
      'scheduler',
      'create-schedule',
      '--name',
      'from-cli',
      '--schedule-expression',
      'rate(5 minutes)',
      '--flexible-time-window',
      'Mode=OFF',
      '--state',
      'DISABLED',
      '--target',
      `Arn=arn:aws:sqs:us-east-1:000000000000:q,RoleArn=${ROLE}`,
    ]);
    const got = (await awsCli(edge.url, ['scheduler', 'get-schedule', '--name', 'from-cli'])) as { Arn: string };

    expect(got.Arn).toBe('arn:aws:scheduler:us-east-1:000000000000:schedule/default/from-cli');
  });
});
