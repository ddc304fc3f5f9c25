import fc from 'fast-check';
import { lazyArbitrary } from '../../src/lazyArbitrary';

describe('lazyArbitrary', () => {
  it('builds nothing until first used, then builds once', () => {
    const build = jest.fn(() => fc.integer());
    const lazy = lazyArbitrary(build);
    expect(build).not.toHaveBeenCalled();
    fc.sample(lazy, { numRuns: 5, seed: 1 });
    fc.sample(lazy, { numRuns: 5, seed: 2 });
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('generates what the arbitrary it builds would, seed for seed', () => {
    const eager = fc.string({ unit: 'binary', maxLength: 40 });
    const lazy = lazyArbitrary(() => fc.string({ unit: 'binary', maxLength: 40 }));
    expect(fc.sample(lazy, { numRuns: 200, seed: 7 })).toEqual(fc.sample(eager, { numRuns: 200, seed: 7 }));
  });

  it('shrinks as the arbitrary it builds would', () => {
    const failure = (arbitrary: fc.Arbitrary<string>) =>
      fc.check(
        fc.property(arbitrary, (text) => text.length < 5),
        { seed: 3 },
      ).counterexample;
    const counterexample = failure(lazyArbitrary(() => fc.string({ unit: 'binary', maxLength: 40 })));
    expect(counterexample).toEqual(failure(fc.string({ unit: 'binary', maxLength: 40 })));
    expect(counterexample?.[0]).toHaveLength(5);
  });
});
