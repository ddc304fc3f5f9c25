/**
 * Polls `probe` every `intervalMs` until it returns a value; fails after `timeoutMs` naming `what` and the last
 * value the probe saw (`lastSeen`), so a timeout says where the work stopped.
 *
 * @example
 * const row = await pollUntil('the order row', 30_000, () => store.get(orderId));
 */
export async function pollUntil<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
  options: { intervalMs?: number; lastSeen?: () => unknown } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      const last = options.lastSeen ? `; last seen: ${JSON.stringify(options.lastSeen())}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 25));
  }
}
