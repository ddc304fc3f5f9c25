import { EventBridgeEmulator, type MatchedHop } from '../../../src/eventbridge';
import { ManualClock } from '../../manualClock';

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

  it('fires a cron() rule at each UTC time it names, the event’s time being the scheduled time', () => {
    const clock = new ManualClock('2026-03-06T23:59:30Z'); // a Friday
    const scheduled = new EventBridgeEmulator({ region: 'eu-west-1', clock });
    const matched: MatchedHop[] = [];
    scheduled.on('matched', (hop) => matched.push(hop));
    try {
      scheduled.call('PutRule', { Name: 'weekdays', ScheduleExpression: 'cron(0 2 ? * MON-FRI *)' });

      clock.advanceTo('2026-03-10T12:00:00Z');

      expect(matched.map((hop) => hop.event.time)).toEqual(['2026-03-09T02:00:00Z', '2026-03-10T02:00:00Z']);
      expect(matched[0]!.event).toMatchObject({ source: 'aws.events', 'detail-type': 'Scheduled Event' });
      scheduled.call('DisableRule', { Name: 'weekdays' });
      clock.advanceTo('2026-03-20T00:00:00Z');
      expect(matched).toHaveLength(2);
      expect(clock.pending).toBe(0);
    } finally {
      scheduled.close();
    }
  });

  it('stops a cron() rule whose years have run out', () => {
    const clock = new ManualClock('2026-12-31T00:00:00Z');
    const scheduled = new EventBridgeEmulator({ clock });
    const matched: MatchedHop[] = [];
    scheduled.on('matched', (hop) => matched.push(hop));
    try {
      scheduled.call('PutRule', { Name: 'once', ScheduleExpression: 'cron(0 0 1 1 ? 2027)' });
      clock.advanceTo('2028-06-01T00:00:00Z');

      expect(matched.map((hop) => hop.event.time)).toEqual(['2027-01-01T00:00:00Z']);
      expect(clock.pending).toBe(0);
    } finally {
      scheduled.close();
    }
  });

  it('rejects rate expressions AWS rejects', () => {
    for (const expression of ['rate(1 minutes)', 'rate(2 minute)', 'rate(0 minutes)', 'rate(5 seconds)', 'cron(* * *)'])
      expect(() => emulator.call('PutRule', { Name: 'bad', ScheduleExpression: expression })).toThrow(
        'Parameter ScheduleExpression is not valid.',
      );
  });
});
