import { ValidationError } from './errors';

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const CRON = /^cron\((\S+ ){5}\S+\)$/;

const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

/** Rejects what EventBridge rejects: anything but `rate(n unit)` or a six-field `cron(...)`. */
export function validateScheduleExpression(expression: string): void {
  const rate = RATE.exec(expression);
  if (rate) {
    const value = Number(rate[1]);
    const singular = !rate[2]!.endsWith('s');
    if (value >= 1 && (value === 1) === singular) return;
  } else if (CRON.test(expression)) {
    return;
  }
  throw new ValidationError('Parameter ScheduleExpression is not valid.');
}

/** Period of a `rate(...)` expression in ms; undefined for `cron(...)`, which the emulator does not run. */
export function ratePeriodMs(expression: string): number | undefined {
  const rate = RATE.exec(expression);
  if (!rate) return undefined;
  const unit = rate[2]!.replace(/s$/, '') as keyof typeof UNIT_MS;
  return Number(rate[1]) * UNIT_MS[unit];
}
