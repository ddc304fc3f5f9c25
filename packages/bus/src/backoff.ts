export interface BackoffOptions {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 5_000 };

/**
 * "Full jitter" exponential backoff: a random delay up to base·2^(attempt-1), capped. Jitter keeps many
 * producers that failed together from retrying together.
 *
 * @example
 * backoffDelay(3, DEFAULT_BACKOFF); // somewhere in [0, 400) ms
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
