import {
  CreateArchiveCommand,
  CreateEventBusCommand,
  EventBridgeClient,
  ListTagsForResourceCommand,
  PutRuleCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-eventbridge';
import { startEventBridge, type StartedEventBridge } from '../../../src/eventbridge';
import { awsCli, itWithCli } from '../awsCli';

let eventBridge: StartedEventBridge;
let client: EventBridgeClient;

beforeAll(async () => {
  eventBridge = await startEventBridge({ runSchedules: false });
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

const tagsOf = async (ResourceARN: string) => (await client.send(new ListTagsForResourceCommand({ ResourceARN }))).Tags;

describe('EventBridge tags', () => {
  it('tags a bus at creation, then adds, replaces and removes its tags', async () => {
    const { EventBusArn } = await client.send(
      new CreateEventBusCommand({ Name: 'tagged-bus', Tags: [{ Key: 'team', Value: 'mesh' }] }),
    );
    await client.send(
      new TagResourceCommand({
        ResourceARN: EventBusArn,
        Tags: [
          { Key: 'team', Value: 'platform' },
          { Key: 'cost', Value: '' },
        ],
      }),
    );
    expect(await tagsOf(EventBusArn!)).toEqual([
      { Key: 'team', Value: 'platform' },
      { Key: 'cost', Value: '' },
    ]);

    await client.send(new UntagResourceCommand({ ResourceARN: EventBusArn, TagKeys: ['team', 'absent'] }));
    expect(await tagsOf(EventBusArn!)).toEqual([{ Key: 'cost', Value: '' }]);
  });

  it('tags rules of the default and of a custom bus; an update of the rule keeps its tags', async () => {
    await client.send(new CreateEventBusCommand({ Name: 'rules-bus' }));
    const onDefault = await client.send(
      new PutRuleCommand({ Name: 'tagged', EventPattern: '{"source":["a"]}', Tags: [{ Key: 'k', Value: 'v' }] }),
    );
    const onCustom = await client.send(
      new PutRuleCommand({ Name: 'tagged', EventBusName: 'rules-bus', EventPattern: '{"source":["a"]}' }),
    );
    await client.send(new TagResourceCommand({ ResourceARN: onCustom.RuleArn, Tags: [{ Key: 'x', Value: 'y' }] }));
    await client.send(new PutRuleCommand({ Name: 'tagged', EventPattern: '{"source":["b"]}' }));

    expect(await tagsOf(onDefault.RuleArn!)).toEqual([{ Key: 'k', Value: 'v' }]);
    expect(await tagsOf(onCustom.RuleArn!)).toEqual([{ Key: 'x', Value: 'y' }]);
  });

  it('answers a missing resource with ResourceNotFoundException, and an archive (not taggable on AWS) with ValidationException', async () => {
    const { ArchiveArn } = await client.send(
      new CreateArchiveCommand({
        ArchiveName: 'untaggable',
        EventSourceArn: 'arn:aws:events:eu-west-1:000000000000:event-bus/default',
      }),
    );

    await expect(tagsOf('arn:aws:events:eu-west-1:000000000000:rule/absent')).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(tagsOf('arn:aws:events:eu-west-1:000000000000:event-bus/absent')).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(
      client.send(new TagResourceCommand({ ResourceARN: ArchiveArn, Tags: [{ Key: 'k', Value: 'v' }] })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('refuses a 51st tag and a key longer than 128 characters with ValidationException', async () => {
    const { EventBusArn } = await client.send(new CreateEventBusCommand({ Name: 'full-bus' }));
    const fifty = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await client.send(new TagResourceCommand({ ResourceARN: EventBusArn, Tags: fifty }));

    await expect(
      client.send(new TagResourceCommand({ ResourceARN: EventBusArn, Tags: [{ Key: 'one-more', Value: 'v' }] })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(
      client.send(new TagResourceCommand({ ResourceARN: EventBusArn, Tags: [{ Key: 'k'.repeat(129), Value: 'v' }] })),
    ).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringContaining('tags.1.member.key') });
  });

  itWithCli('tags and lists tags with the AWS CLI', async () => {
    const arn = 'arn:aws:events:eu-west-1:000000000000:event-bus/default';
    await awsCli(eventBridge.url, ['events', 'tag-resource', '--resource-arn', arn, '--tags', 'Key=cli,Value=yes'], {
      region: 'eu-west-1',
    });
    const listed = await awsCli(eventBridge.url, ['events', 'list-tags-for-resource', '--resource-arn', arn], {
      region: 'eu-west-1',
    });

    expect(listed).toEqual({ Tags: [{ Key: 'cli', Value: 'yes' }] });
  });
});
