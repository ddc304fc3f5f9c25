import {
  CreateEventBusCommand,
  EventBridgeClient,
  ListArchivesCommand,
  ListReplaysCommand,
  PutRuleCommand,
  PutTargetsCommand,
  type ArchiveState,
  type ReplayState,
} from '@aws-sdk/client-eventbridge';
import { startEventBridge, type StartedEventBridge } from '../../../src/eventbridge';

let eventBridge: StartedEventBridge;
let client: EventBridgeClient;

beforeAll(async () => {
  eventBridge = await startEventBridge({ runSchedules: false });
  client = new EventBridgeClient({
    endpoint: eventBridge.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
});

afterAll(async () => {
  client.destroy();
  await eventBridge.stop();
});

describe('EventBridge refuses invalid input with AWS’s exceptions and messages', () => {
  it('ListArchives and ListReplays take one filter at most', async () => {
    const twoFilters = { NamePrefix: 'a', EventSourceArn: 'arn:aws:events:us-east-1:000000000000:event-bus/default' };
    const message = (operation: string) =>
      `At most one filter is allowed for ${operation}. Use either : State, EventSourceArn, or NamePrefix.`;

    await expect(client.send(new ListArchivesCommand(twoFilters))).rejects.toMatchObject({
      name: 'ValidationException',
      message: message('ListArchives'),
    });
    await expect(client.send(new ListReplaysCommand(twoFilters))).rejects.toMatchObject({
      name: 'ValidationException',
      message: message('ListReplays'),
    });
  });

  it('ListArchives and ListReplays refuse a state that is not one of theirs', async () => {
    await expect(client.send(new ListArchivesCommand({ State: 'invalid' as ArchiveState }))).rejects.toMatchObject({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value 'invalid' at 'state' failed to satisfy constraint: Member must satisfy " +
        'enum value set: [ENABLED, DISABLED, CREATING, UPDATING, CREATE_FAILED, UPDATE_FAILED]',
    });
    await expect(client.send(new ListReplaysCommand({ State: 'ENABLED' as ReplayState }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining("Value 'ENABLED' at 'state'"),
    });
  });

  it('CreateEventBus refuses a slash outside partner buses, a taken name and a name over 256 characters', async () => {
    await expect(client.send(new CreateEventBusCommand({ Name: 'team/bus' }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: "Event bus name must not contain '/'.",
    });
    await expect(client.send(new CreateEventBusCommand({ Name: 'default' }))).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
      message: 'Event bus default already exists.',
    });
    await expect(client.send(new CreateEventBusCommand({ Name: 'b'.repeat(257) }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('Member must have length less than or equal to 256'),
    });
  });

  it('CreateEventBus of a partner bus answers that its event source does not exist (none exist offline)', async () => {
    await expect(
      client.send(new CreateEventBusCommand({ Name: 'aws.partner/x/y', EventSourceName: 'aws.partner/x/y' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Event source aws.partner/x/y does not exist.',
    });
  });

  it('PutRule refuses a name over 64 characters or outside [.-_A-Za-z0-9]', async () => {
    for (const Name of ['r'.repeat(65), 'has space'])
      await expect(client.send(new PutRuleCommand({ Name, EventPattern: '{"source":["a"]}' }))).rejects.toMatchObject({
        name: 'ValidationException',
        message: expect.stringContaining(`at 'name'`),
      });
  });

  it('refuses a sixth target on a rule with LimitExceededException (5 targets per rule)', async () => {
    await client.send(new PutRuleCommand({ Name: 'five', EventPattern: '{"source":["a"]}' }));
    const target = (id: number) => ({ Id: `t${id}`, Arn: `arn:aws:sqs:us-east-1:000000000000:q${id}` });
    await client.send(new PutTargetsCommand({ Rule: 'five', Targets: [1, 2, 3, 4, 5].map(target) }));

    await expect(client.send(new PutTargetsCommand({ Rule: 'five', Targets: [target(6)] }))).rejects.toMatchObject({
      name: 'LimitExceededException',
    });
  });
});
