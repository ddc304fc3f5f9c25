import { EventBridgeClient, PutRuleCommand } from '@aws-sdk/client-eventbridge';
import { startEventBridge, type MatchedHop, type StartedEventBridge } from '../../../src/eventbridge';
import { ManualClock } from '../../manualClock';
import { awsCli, itWithCli } from '../awsCli';

let eventBridge: StartedEventBridge;
let client: EventBridgeClient;
const clock = new ManualClock('2026-05-01T00:00:00Z'); // a Friday
const matched: MatchedHop[] = [];

beforeAll(async () => {
  eventBridge = await startEventBridge({ clock });
  eventBridge.emulator.on('matched', (hop) => matched.push(hop));
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

const firingsOf = (ruleName: string) => matched.filter((hop) => hop.ruleName === ruleName).map((hop) => hop.event.time);

describe('cron() rules fire on time (a clock the test drives)', () => {
  it('fires a rule put through the SDK at each time its expression names, in UTC', async () => {
    const { RuleArn } = await client.send(
      new PutRuleCommand({ Name: 'first-monday', ScheduleExpression: 'cron(30 9 ? * MON#1 *)' }),
    );

    clock.advanceTo('2026-08-01T00:00:00Z');

    expect(firingsOf('first-monday')).toEqual(['2026-05-04T09:30:00Z', '2026-06-01T09:30:00Z', '2026-07-06T09:30:00Z']);
    expect(matched.find((hop) => hop.ruleName === 'first-monday')?.event).toMatchObject({
      source: 'aws.events',
      'detail-type': 'Scheduled Event',
      resources: [RuleArn],
      region: 'us-east-1',
      detail: {},
    });
  });

  it('refuses an expression AWS refuses, with its ValidationException', async () => {
    await expect(
      client.send(new PutRuleCommand({ Name: 'both-days', ScheduleExpression: 'cron(0 12 1 * MON *)' })),
    ).rejects.toMatchObject({ name: 'ValidationException', message: 'Parameter ScheduleExpression is not valid.' });
  });

  itWithCli('fires a rule put with `aws events put-rule --schedule-expression cron(...)`', async () => {
    await awsCli(eventBridge.url, [
      'events',
      'put-rule',
      '--name',
      'month-end',
      '--schedule-expression',
      'cron(0 23 L * ? *)',
    ]);

    clock.advanceTo('2026-10-01T00:00:00Z');

    expect(firingsOf('month-end')).toEqual(['2026-08-31T23:00:00Z', '2026-09-30T23:00:00Z']);
  });
});
