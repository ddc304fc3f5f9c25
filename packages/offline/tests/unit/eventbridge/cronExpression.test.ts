import { nextCronTime, parseCronExpression } from '../../../src/eventbridge/cronExpression';

const next = (fields: string, after: string) =>
  nextCronTime(parseCronExpression(fields), new Date(after))?.toISOString();

describe('parseCronExpression and nextCronTime, on the examples of AWS’s EventBridge documentation (UTC)', () => {
  it.each([
    ['0 10 * * ? *', '2026-03-04T10:00:00Z', '2026-03-05T10:00:00.000Z'], // 10:00 every day
    ['15 12 * * ? *', '2026-03-04T12:16:00Z', '2026-03-05T12:15:00.000Z'], // 12:15 every day
    ['0 18 ? * MON-FRI *', '2026-03-06T18:00:00Z', '2026-03-09T18:00:00.000Z'], // Friday → Monday
    ['0 8 1 * ? *', '2026-03-04T00:00:00Z', '2026-04-01T08:00:00.000Z'], // the first of each month
    ['0/15 * * * ? *', '2026-03-04T10:07:00Z', '2026-03-04T10:15:00.000Z'], // every 15 minutes
    ['0/10 * ? * MON-FRI *', '2026-03-07T10:00:00Z', '2026-03-09T00:00:00.000Z'], // weekdays only
    ['0/5 8-17 ? * MON-FRI *', '2026-03-04T17:55:00Z', '2026-03-05T08:00:00.000Z'], // 8:00–17:55
    ['0 9 ? * 2#1 *', '2026-03-04T00:00:00Z', '2026-04-06T09:00:00.000Z'], // first Monday
  ])('cron(%s) after %s fires at %s', (fields, after, expected) => {
    expect(next(fields, after)).toBe(expected);
  });

  it('knows L (last day of month, last given weekday), W (nearest weekday) and lists of years', () => {
    expect(next('0 0 L * ? *', '2026-02-01T00:00:00Z')).toBe('2026-02-28T00:00:00.000Z');
    expect(next('0 0 L * ? *', '2028-02-01T00:00:00Z')).toBe('2028-02-29T00:00:00.000Z'); // leap year
    expect(next('0 10 ? * 6L *', '2026-01-01T00:00:00Z')).toBe('2026-01-30T10:00:00.000Z'); // last Friday
    expect(next('0 8 15W * ? *', '2026-02-01T00:00:00Z')).toBe('2026-02-16T08:00:00.000Z'); // Sun 15th → Mon
    expect(next('0 0 1 JAN ? 2027,2030', '2027-06-01T00:00:00Z')).toBe('2030-01-01T00:00:00.000Z');
  });

  it('has no next firing once its years are past', () => {
    expect(next('0 0 1 1 ? 2020', '2026-01-01T00:00:00Z')).toBeUndefined();
  });

  it.each([
    '* * * * * *', // both day fields set
    '0 18 ? * ? *', // both day fields `?`
    '0 18 ? * MON-FRI', // five fields
    '0 24 * * ? *', // hour out of range
    '60 0 * * ? *',
    '0 0 32 * ? *',
    '0 0 ? 13 * *',
    '0 0 ? * 8 *', // day-of-week is 1–7
    '0 0 ? * MON#6 *',
    '0 0 * * ? 1969',
    '0/0 * * * ? *', // a step of 0
    'a b c d e f',
  ])('refuses cron(%s) with AWS’s ValidationException', (fields) => {
    expect(() => parseCronExpression(fields)).toThrow(
      expect.objectContaining({ code: 'ValidationException', message: 'Parameter ScheduleExpression is not valid.' }),
    );
  });
});
