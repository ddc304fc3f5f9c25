import fc from 'fast-check';
import { FuzzCaseFailedError } from './errors';
import { fuzzRuns } from './fuzz';

/**
 * How many inputs {@link fuzzConcurrently} checks at once unless told: `FUZZ_CONCURRENCY` when set (1 runs
 * the cases one at a time, e.g. to read a failure's logs in order), else 4.
 *
 * @example
 * fuzzConcurrency(); // 4, or FUZZ_CONCURRENCY
 */
export function fuzzConcurrency(fallback = 4): number {
  const concurrency = Number(process.env.FUZZ_CONCURRENCY);
  return Number.isInteger(concurrency) && concurrency > 0 ? concurrency : fallback;
}

export interface FuzzConcurrentlyOptions<T> {
  /** How many inputs in all: {@link fuzzRuns} unless given (rounded up to whole batches, never fewer). */
  numRuns?: number;
  /** How many inputs are checked at once ({@link fuzzConcurrency}). */
  concurrency?: number;
  /** Anything else fast-check's `assert` takes, e.g. `seed` and `path` to replay a failure. */
  parameters?: Omit<fc.Parameters<[T[]]>, 'numRuns'>;
}

/**
 * Checks `check` on as many generated inputs as `fc.assert` would (`fuzzRuns()`), a batch of `concurrency`
 * at a time with `Promise.allSettled`: a case that waits on DynamoDB Local leaves the CPU to the others,
 * so the jest process and the JVM work at once instead of taking turns. Use it only when the inputs are
 * independent (each case its own ids), as real concurrent invocations would be. A failing batch fails
 * with a {@link FuzzCaseFailedError} naming the failing input, and fast-check shrinks the batch's inputs
 * as usual; every case of the batch has settled by then, so nothing runs on into the next one.
 *
 * @example
 * await fuzzConcurrently(validBody, async (body) => {
 *   expect((await place(body)).statusCode).toBe(201);
 * });
 */
export async function fuzzConcurrently<T>(
  input: fc.Arbitrary<T>,
  check: (input: T) => Promise<unknown>,
  options: FuzzConcurrentlyOptions<T> = {},
): Promise<void> {
  const numRuns = options.numRuns ?? fuzzRuns();
  const size = Math.max(1, Math.min(options.concurrency ?? fuzzConcurrency(), numRuns));
  const batch = fc.array(input, { minLength: size, maxLength: size });
  await fc.assert(
    fc.asyncProperty(batch, async (inputs) => {
      const outcomes = await Promise.allSettled(inputs.map((one) => check(one)));
      const failed = outcomes.findIndex((outcome) => outcome.status === 'rejected');
      if (failed >= 0) {
        const { reason } = outcomes[failed] as PromiseRejectedResult;
        throw new FuzzCaseFailedError(failed, fc.stringify(inputs[failed]), reason);
      }
    }),
    { ...options.parameters, numRuns: Math.ceil(numRuns / size) },
  );
}
