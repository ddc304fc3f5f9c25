import awsCronParser from 'aws-cron-parser';
import { ValidationError } from './errors';

/** A parsed `cron(...)` expression, ready for {@link nextCronTime}. */
export type CronSchedule = ReturnType<typeof awsCronParser.parse>;

const MONTHS = 'JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC';
const DAYS = 'SUN|MON|TUE|WED|THU|FRI|SAT';

interface FieldRule {
  min: number;
  max: number;
  names?: string;
  /** Extra token forms the field allows (AWS: `L`/`W` in day-of-month, `L`/`#` in day-of-week). */
  special?: RegExp;
}

/** AWS's six fields: minutes, hours, day-of-month, month, day-of-week, year (UTC). */
const FIELDS: readonly FieldRule[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31, special: /^(L|LW|L-\d{1,2}|\d{1,2}W)$/ },
  { min: 1, max: 12, names: MONTHS },
  { min: 1, max: 7, names: DAYS, special: new RegExp(`^((\\d|${DAYS})L|L|(\\d|${DAYS})#[1-5])$`) },
  { min: 1970, max: 2199 },
];

function valueOf(text: string, rule: FieldRule): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const index = rule.names?.split('|').indexOf(text.toUpperCase()) ?? -1;
  return index >= 0 ? index + rule.min : undefined;
}

function validToken(token: string, rule: FieldRule): boolean {
  if (token === '*') return true;
  if (rule.special?.test(token.toUpperCase())) {
    const day = /^(\d+)/.exec(token)?.[1];
    return day === undefined || (Number(day) >= rule.min && Number(day) <= rule.max);
  }
  const [range = '', step, extra] = token.split('/');
  if (extra !== undefined || (step !== undefined && !/^[1-9]\d*$/.test(step))) return false;
  if (range === '*') return step !== undefined;
  const bounds = range.split('-');
  if (bounds.length > 2) return false;
  const values = bounds.map((bound) => valueOf(bound, rule));
  return values.every((v) => v !== undefined && v >= rule.min && v <= rule.max);
}

/**
 * Parses the inside of AWS's `cron(...)`: six fields in UTC — minutes, hours, day-of-month, month,
 * day-of-week (1–7 or SUN–SAT, 1 being Sunday), year — with `,` lists, `-` ranges, `/` steps, `*`, `?` (in one
 * of the day fields, which must not both be set), `L` (last day of the month or last weekday N), `W`
 * (nearest weekday) and `#` (Nth weekday of the month). Anything else is AWS's ValidationException.
 *
 * @example
 * const schedule = parseCronExpression('0 10 ? * 6L 2026-2030'); // 10:00 UTC on each month's last Friday
 * nextCronTime(schedule, new Date('2026-01-01T00:00:00Z')); // → 2026-01-30T10:00:00.000Z
 */
export function parseCronExpression(fields: string): CronSchedule {
  const parts = fields.trim().split(/\s+/);
  const invalid = () => new ValidationError('Parameter ScheduleExpression is not valid.');
  if (parts.length !== 6) throw invalid();
  const [, , dayOfMonth, , dayOfWeek] = parts as [string, string, string, string, string, string];
  // One of the two day fields is `?`, never both, as AWS requires.
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) throw invalid();
  parts.forEach((part, i) => {
    if (part === '?' && (i === 2 || i === 4)) return;
    if (!part.split(',').every((token) => validToken(token, FIELDS[i]!))) throw invalid();
  });
  try {
    return awsCronParser.parse(parts.join(' '));
  } catch {
    throw invalid();
  }
}

/** The first time strictly after `after` that the schedule names, or undefined when none is left (a past year). */
export function nextCronTime(schedule: CronSchedule, after: Date): Date | undefined {
  return awsCronParser.next(schedule, after) ?? undefined;
}
