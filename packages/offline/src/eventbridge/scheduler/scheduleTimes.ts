import { nextCronTime, parseCronExpression } from '../cronExpression';
import { SchedulerValidationError } from './errors';

const AT = /^at\((\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\)$/;
const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const CRON = /^cron\((.*)\)$/;
const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

/** The offset (ms) of `timeZone` from UTC at the instant `at`. */
function offsetMs(timeZone: string, at: Date): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const wall = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/** A wall-clock time of `timeZone` (given as a Date whose UTC fields are that wall clock) as a real instant. */
export function wallToInstant(wall: Date, timeZone: string): Date {
  const guess = new Date(wall.getTime() - offsetMs(timeZone, wall));
  return new Date(wall.getTime() - offsetMs(timeZone, guess));
}

/** The wall clock of `timeZone` at `instant`, as a Date whose UTC fields are that wall clock. */
export function instantToWall(instant: Date, timeZone: string): Date {
  return new Date(instant.getTime() + offsetMs(timeZone, instant));
}

/** Throws Scheduler's ValidationException unless `timeZone` is an IANA time zone. */
export function checkTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new SchedulerValidationError(`Invalid ScheduleExpressionTimezone: ${timeZone}.`);
  }
}

/**
 * When a Scheduler expression fires next after `after`: `at(...)` once, at its wall-clock time in the time zone;
 * `rate(...)` every period from the start date (or creation); `cron(...)` at each wall-clock time it names in the
 * time zone (UTC by default). Throws Scheduler's ValidationException for an invalid expression.
 *
 * @example
 * const next = nextScheduleFiring('cron(0 9 * * ? *)', 'Europe/Paris', new Date('2026-01-01T00:00:00Z'));
 * next(new Date('2026-01-01T00:00:00Z')); // → 2026-01-01T08:00:00.000Z
 */
export function nextScheduleFiring(
  expression: string,
  timeZone: string = 'UTC',
  origin: Date,
): (after: Date) => Date | undefined {
  const at = AT.exec(expression);
  if (at) {
    const instant = wallToInstant(new Date(`${at[1]}Z`), timeZone);
    if (Number.isNaN(instant.getTime()))
      throw new SchedulerValidationError(`Invalid Schedule Expression ${expression}.`);
    return (after) => (instant.getTime() > after.getTime() ? instant : undefined);
  }
  const rate = RATE.exec(expression);
  if (rate) {
    const value = Number(rate[1]);
    if (value < 1 || (value === 1) !== !rate[2]!.endsWith('s'))
      throw new SchedulerValidationError(`Invalid Schedule Expression ${expression}.`);
    const period = value * UNIT_MS[rate[2]!.replace(/s$/, '') as keyof typeof UNIT_MS];
    return (after) => {
      const periods = Math.floor((after.getTime() - origin.getTime()) / period) + 1;
      return new Date(origin.getTime() + Math.max(1, periods) * period);
    };
  }
  const cron = CRON.exec(expression);
  if (cron) {
    let schedule;
    try {
      schedule = parseCronExpression(cron[1]!);
    } catch {
      throw new SchedulerValidationError(`Invalid Schedule Expression ${expression}.`);
    }
    return (after) => {
      const wall = nextCronTime(schedule, instantToWall(after, timeZone));
      return wall && wallToInstant(wall, timeZone);
    };
  }
  throw new SchedulerValidationError(`Invalid Schedule Expression ${expression}.`);
}
