/**
 * Polls `condition` every 50 ms until it holds (a truthy value, which it resolves with), or fails after
 * `timeoutMs`.
 *
 * @example
 * const row = await eventually(() => table.get(id));
 */
export async function eventually<T>(
  condition: () => T | Promise<T>,
  timeoutMs = 10_000,
): Promise<Exclude<T, false | 0 | '' | null | undefined>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value as Exclude<T, false | 0 | '' | null | undefined>;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms: ${condition.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
