import { nextCronTime, parseCronExpression } from './cronExpression';
import { ValidationError } from './errors';

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const CRON = /^cron\((.*)\)$/;

const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

/** When a schedule fires next: a function of the time it fired last (or was created). */
export type NextFiring = (after: Date) => Date | undefined;

/** Rejects what EventBridge rejects: anything but `rate(n unit)` or a valid six-field `cron(...)`. */
export function validateScheduleExpression(expression: string): void {
  nextFiringOf(expression);
}

/**
 * How a valid schedule expression fires: `rate(n unit)` every period after the rule was created (or enabled),
 * `cron(...)` at each UTC time it names. Throws AWS's ValidationException for anything else.
 *
 * @example
 * nextFiringOf('cron(0 12 * * ? *)')(new Date('2026-02-01T12:00:00Z')); // → 2026-02-02T12:00:00.000Z
 */
export function nextFiringOf(expression: string): NextFiring {
  const rate = RATE.exec(expression);
  if (rate) {
    const value = Number(rate[1]);
    const singular = !rate[2]!.endsWith('s');
    if (value >= 1 && (value === 1) === singular) {
      const period = value * UNIT_MS[rate[2]!.replace(/s$/, '') as keyof typeof UNIT_MS];
      return (after) => new Date(after.getTime() + period);
    }
  }
  const cron = CRON.exec(expression);
  if (cron) {
    const schedule = parseCronExpression(cron[1]!);
    return (after) => nextCronTime(schedule, after);
  }
  throw new ValidationError('Parameter ScheduleExpression is not valid.');
}
