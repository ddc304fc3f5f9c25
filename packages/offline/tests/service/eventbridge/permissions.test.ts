import {
  CreateEventBusCommand,
  DescribeEventBusCommand,
  EventBridgeClient,
  PutPermissionCommand,
  RemovePermissionCommand,
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

const policyOf = async (Name?: string) => {
  const { Policy } = await client.send(new DescribeEventBusCommand({ Name }));
  return Policy === undefined ? undefined : (JSON.parse(Policy) as { Statement: Array<Record<string, unknown>> });
};

describe('EventBridge bus permissions', () => {
  it('adds statements to the bus policy DescribeEventBus returns, and removes them', async () => {
    await client.send(
      new PutPermissionCommand({ Action: 'events:PutEvents', Principal: '111122223333', StatementId: 'partner' }),
    );
    await client.send(
      new PutPermissionCommand({
        Action: 'events:PutEvents',
        Principal: '*',
        StatementId: 'org',
        Condition: { Type: 'StringEquals', Key: 'aws:PrincipalOrgID', Value: 'o-abc123' },
      }),
    );

    expect(await policyOf()).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'partner',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111122223333:root' },
          Action: 'events:PutEvents',
          Resource: 'arn:aws:events:us-east-1:000000000000:event-bus/default',
        },
        {
          Sid: 'org',
          Effect: 'Allow',
          Principal: '*',
          Action: 'events:PutEvents',
          Resource: 'arn:aws:events:us-east-1:000000000000:event-bus/default',
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
        },
      ],
    });

    await client.send(new RemovePermissionCommand({ StatementId: 'partner' }));
    expect((await policyOf())?.Statement.map((s) => s.Sid)).toEqual(['org']);
    await client.send(new RemovePermissionCommand({ RemoveAllPermissions: true }));
    expect(await policyOf()).toBeUndefined();
  });

  it('sets a whole policy on a custom bus', async () => {
    await client.send(new CreateEventBusCommand({ Name: 'policy-bus' }));
    const statement = { Sid: 's', Effect: 'Allow', Principal: '*', Action: 'events:PutEvents', Resource: '*' };
    await client.send(
      new PutPermissionCommand({ EventBusName: 'policy-bus', Policy: JSON.stringify({ Statement: [statement] }) }),
    );

    expect((await policyOf('policy-bus'))?.Statement).toEqual([statement]);
  });

  it('refuses what AWS refuses: a principal that is not an account, an unknown statement, an unknown bus', async () => {
    await expect(
      client.send(new PutPermissionCommand({ Action: 'events:PutEvents', Principal: 'someone', StatementId: 'x' })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(client.send(new RemovePermissionCommand({ StatementId: 'never-added' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(
      client.send(
        new PutPermissionCommand({
          EventBusName: 'absent',
          Action: 'events:PutEvents',
          Principal: '111122223333',
          StatementId: 'x',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'Event bus absent does not exist.' });
  });
});
