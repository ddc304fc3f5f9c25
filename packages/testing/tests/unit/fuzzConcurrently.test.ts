import fc from 'fast-check';
import { FuzzCaseFailedError } from '../../src/errors';
import { fuzzConcurrency, fuzzConcurrently } from '../../src/fuzzConcurrently';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('fuzzConcurrently', () => {
  it('checks as many inputs as asked, rounding up to whole batches, never fewer', async () => {
    const seen: number[] = [];
    await fuzzConcurrently(fc.integer(), async (n) => void seen.push(n), { numRuns: 1_000, concurrency: 4 });
    expect(seen).toHaveLength(1_000);
    seen.length = 0;
    await fuzzConcurrently(fc.integer(), async (n) => void seen.push(n), { numRuns: 10, concurrency: 4 });
    expect(seen).toHaveLength(12);
  });

  it('keeps exactly `concurrency` checks in flight at once', async () => {
    let inFlight = 0;
    let most = 0;
    await fuzzConcurrently(
      fc.nat(),
      async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await nextTurn();
        inFlight -= 1;
      },
      { numRuns: 40, concurrency: 4 },
    );
    expect(most).toBe(4);
  });

  it('fails naming the failing input, shrunk, after every check of its batch has settled', async () => {
    let started = 0;
    let settled = 0;
    const failure = fuzzConcurrently(
      fc.integer({ min: 0, max: 1_000 }),
      async (n) => {
        started += 1;
        await nextTurn();
        settled += 1;
        if (n >= 10) throw new Error(`${n} is too big`);
      },
      { numRuns: 200, concurrency: 4, parameters: { seed: 42 } },
    );
    const error = (await failure.catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/Counterexample: \[\[(0,)*10(,0)*\]\]\nShrunk \d+ time/);
    expect(error.cause).toBeInstanceOf(FuzzCaseFailedError);
    expect((error.cause as Error).message).toMatch(/^input \d of the batch failed: 10\n10 is too big$/);
    expect(settled).toBe(started);
  });

  it('checks four inputs at once unless FUZZ_CONCURRENCY says otherwise', () => {
    const saved = process.env.FUZZ_CONCURRENCY;
    try {
      delete process.env.FUZZ_CONCURRENCY;
      expect(fuzzConcurrency()).toBe(4);
      process.env.FUZZ_CONCURRENCY = '1';
      expect(fuzzConcurrency()).toBe(1);
      process.env.FUZZ_CONCURRENCY = 'many';
      expect(fuzzConcurrency()).toBe(4);
    } finally {
      if (saved === undefined) delete process.env.FUZZ_CONCURRENCY;
      else process.env.FUZZ_CONCURRENCY = saved;
    }
  });

  it('gives the failing input and its cause on the error', () => {
    const cause = new Error('boom');
    const error = new FuzzCaseFailedError(2, '{"a":1}', cause);
    expect([error.name, error.index, error.input, error.cause]).toEqual(['FuzzCaseFailedError', 2, '{"a":1}', cause]);
    expect(error.message).toBe('input 2 of the batch failed: {"a":1}\nboom');
  });
});
