import { UsageError } from '@mesh/cli';
import { parseTimeArg } from '../../../src/cli';

const now = new Date('2026-11-25T15:00:00.000Z');

describe('parseTimeArg', () => {
  it.each([
    ['now', '2026-11-25T15:00:00.000Z'],
    ['90s', '2026-11-25T14:58:30.000Z'],
    ['15m', '2026-11-25T14:45:00.000Z'],
    ['1h', '2026-11-25T14:00:00.000Z'],
    ['2d', '2026-11-23T15:00:00.000Z'],
    ['1w', '2026-11-18T15:00:00.000Z'],
    ['2026-11-25T14:00:00Z', '2026-11-25T14:00:00.000Z'],
    ['2026-11-25T16:00:00+02:00', '2026-11-25T14:00:00.000Z'],
    ['2026-11-24', '2026-11-24T00:00:00.000Z'],
  ])('reads %s', (raw, iso) => {
    expect(parseTimeArg(raw, '--from', now).toISOString()).toBe(iso);
  });

  it.each(['yesterday', '1y', '-1h', '2026-13-45T00:00:00Z', ''])('refuses "%s" with a usage error', (raw) => {
    expect(() => parseTimeArg(raw, '--from', now)).toThrow(UsageError);
    expect(() => parseTimeArg(raw, '--from', now)).toThrow(/^--from must be now, an ISO-8601 date-time/);
  });
});
