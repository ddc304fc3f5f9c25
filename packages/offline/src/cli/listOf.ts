/**
 * A comma-separated flag value as a list, blanks dropped.
 *
 * @example
 * listOf('orders, payments,'); // → ['orders', 'payments']
 */
export function listOf(value: unknown): string[] {
  return String(value)
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
