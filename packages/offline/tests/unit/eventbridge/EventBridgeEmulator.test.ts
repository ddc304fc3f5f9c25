import { EventBridgeEmulator, type MatchedHop } from '../../../src/eventbridge';

describe('EventBridgeEmulator schedules', () => {
  let emulator: EventBridgeEmulator;

  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
    emulator = new EventBridgeEmulator({ region: 'eu-west-1' });
  });

  afterEach(() => {
    emulator.close();
    jest.useRealTimers();
  });

  it('fires a rate() rule with a Scheduled Event from aws.events, as long as it is enabled', () => {
    const matched: MatchedHop[] = [];
    emulator.on('matched', (hop) => matched.push(hop));
    const { RuleArn } = emulator.call('PutRule', { Name: 'every-minute', ScheduleExpression: 'rate(1 minute)' });

    jest.advanceTimersByTime(59_999);
    expect(matched).toHaveLength(0);
    jest.advanceTimersByTime(1);
    expect(matched).toHaveLength(1);
    expect(matched[0]!.event).toMatchObject({
      source: 'aws.events',
      'detail-type': 'Scheduled Event',
      resources: [RuleArn],
      region: 'eu-west-1',
      detail: {},
    });

    emulator.call('DisableRule', { Name: 'every-minute' });
    jest.advanceTimersByTime(120_000);
    expect(matched).toHaveLength(1);
    emulator.call('EnableRule', { Name: 'every-minute' });
    jest.advanceTimersByTime(60_000);
    expect(matched).toHaveLength(2);
  });

  it('accepts cron() expressions without firing them', () => {
    const matched: MatchedHop[] = [];
    emulator.on('matched', (hop) => matched.push(hop));
    emulator.call('PutRule', { Name: 'nightly', ScheduleExpression: 'cron(0 2 * * ? *)' });
    jest.advanceTimersByTime(86_400_000);
    expect(matched).toHaveLength(0);
  });

  it('rejects rate expressions AWS rejects', () => {
    for (const expression of ['rate(1 minutes)', 'rate(2 minute)', 'rate(0 minutes)', 'rate(5 seconds)', 'cron(* * *)'])
      expect(() => emulator.call('PutRule', { Name: 'bad', ScheduleExpression: expression })).toThrow(
        'Parameter ScheduleExpression is not valid.',
      );
  });
});
