/**
 * A comma-separated flag value as a list, blanks dropped.
 *
 * @example
 * listOf('loans, reminders,'); // → ['loans', 'reminders']
 */
export function listOf(value: unknown): string[] {
  return String(value)
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
