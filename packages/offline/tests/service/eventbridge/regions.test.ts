import {
  CreateArchiveCommand,
  DescribeEventBusCommand,
  EventBridgeClient,
  ListRulesCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { startEventBridge, type MatchedHop, type StartedEventBridge } from '../../../src/eventbridge';
import { awsCli, itWithCli } from '../awsCli';

let eventBridge: StartedEventBridge;
const clients: EventBridgeClient[] = [];

/** A client of one region: the SDK signs its requests with that region's credential scope. */
function client(region: string): EventBridgeClient {
  const created = new EventBridgeClient({
    endpoint: eventBridge.url,
    region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  clients.push(created);
  return created;
}

beforeAll(async () => {
  eventBridge = await startEventBridge({ runSchedules: false });
});

afterAll(async () => {
  for (const created of clients) created.destroy();
  await eventBridge.stop();
});

describe('EventBridge state per region (the SigV4 credential scope)', () => {
  it('gives every region its own default bus, with the region in its ARN', async () => {
    const frankfurt = await client('eu-central-1').send(new DescribeEventBusCommand({}));
    const virginia = await client('us-east-1').send(new DescribeEventBusCommand({}));

    expect(frankfurt.Arn).toBe('arn:aws:events:eu-central-1:000000000000:event-bus/default');
    expect(virginia.Arn).toBe('arn:aws:events:us-east-1:000000000000:event-bus/default');
  });

  it('keeps one region’s rules out of another’s', async () => {
    const { RuleArn } = await client('eu-central-1').send(
      new PutRuleCommand({ Name: 'regional', EventPattern: '{"source":["mesh.regions"]}' }),
    );
    const here = await client('eu-central-1').send(new ListRulesCommand({ NamePrefix: 'regional' }));
    const there = await client('ap-southeast-2').send(new ListRulesCommand({ NamePrefix: 'regional' }));

    expect(RuleArn).toBe('arn:aws:events:eu-central-1:000000000000:rule/regional');
    expect(here.Rules?.map((r) => r.Arn)).toEqual([RuleArn]);
    expect(there.Rules).toEqual([]);
  });

  it('archives the default bus of a region other than the emulator’s default', async () => {
    const { ArchiveArn } = await client('eu-central-1').send(
      new CreateArchiveCommand({
        ArchiveName: 'frankfurt-archive',
        EventSourceArn: 'arn:aws:events:eu-central-1:000000000000:event-bus/default',
      }),
    );

    expect(ArchiveArn).toBe('arn:aws:events:eu-central-1:000000000000:archive/frankfurt-archive');
  });

  it('refuses a bus ARN of another region as not existing here', async () => {
    await expect(
      client('eu-central-1').send(
        new CreateArchiveCommand({
          ArchiveName: 'misplaced',
          EventSourceArn: 'arn:aws:events:us-west-2:000000000000:event-bus/default',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('stamps events with their region, and delivers a bus target to the region its ARN names', async () => {
    const matched: MatchedHop[] = [];
    const onMatched = (hop: MatchedHop) => matched.push(hop);
    eventBridge.emulator.on('matched', onMatched);
    try {
      const dublin = client('eu-west-1');
      const paris = client('eu-west-3');
      await dublin.send(new PutRuleCommand({ Name: 'forward', EventPattern: '{"source":["mesh.forward"]}' }));
      await dublin.send(
        new PutTargetsCommand({
          Rule: 'forward',
          Targets: [{ Id: 'paris', Arn: 'arn:aws:events:eu-west-3:000000000000:event-bus/default' }],
        }),
      );
      await paris.send(new PutRuleCommand({ Name: 'arrived', EventPattern: '{"source":["mesh.forward"]}' }));

      await dublin.send(new PutEventsCommand({ Entries: [{ Source: 'mesh.forward', DetailType: 'T', Detail: '{}' }] }));
      await eventBridge.emulator.idle();

      expect(matched.map((hop) => [hop.ruleArn, hop.event.region])).toEqual([
        ['arn:aws:events:eu-west-1:000000000000:rule/forward', 'eu-west-1'],
        ['arn:aws:events:eu-west-3:000000000000:rule/arrived', 'eu-west-1'],
      ]);
    } finally {
      eventBridge.emulator.off('matched', onMatched);
    }
  });

  itWithCli('answers the AWS CLI in the region it is configured for', async () => {
    await awsCli(
      eventBridge.url,
      ['events', 'put-rule', '--name', 'from-cli', '--schedule-expression', 'rate(5 minutes)'],
      {
        region: 'sa-east-1',
      },
    );
    const listed = (await awsCli(eventBridge.url, ['events', 'list-rules'], { region: 'sa-east-1' })) as {
      Rules: Array<{ Arn: string }>;
    };
    const elsewhere = (await awsCli(eventBridge.url, ['events', 'list-rules'], { region: 'ca-central-1' })) as {
      Rules: Array<{ Arn: string }>;
    };

    expect(listed.Rules.map((r) => r.Arn)).toEqual(['arn:aws:events:sa-east-1:000000000000:rule/from-cli']);
    expect(elsewhere.Rules).toEqual([]);
  });
});
