import fc from 'fast-check';

/** Delegates every call to the arbitrary `build` returns, built at the first call. */
class LazyArbitrary<T> extends fc.Arbitrary<T> {
  private built: fc.Arbitrary<T> | undefined;

  constructor(private readonly build: () => fc.Arbitrary<T>) {
    super();
  }

  private get inner(): fc.Arbitrary<T> {
    this.built ??= this.build();
    return this.built;
  }

  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<T> {
    return this.inner.generate(mrng, biasFactor);
  }

  canShrinkWithoutContext(value: unknown): value is T {
    return this.inner.canShrinkWithoutContext(value);
  }

  shrink(value: T, context: unknown): fc.Stream<fc.Value<T>> {
    return this.inner.shrink(value, context);
  }
}

/**
 * An arbitrary that generates and shrinks exactly as `build()` would, but builds it only when first used:
 * for arbitraries costly to make (fast-check's binary strings) declared in a module many tests import and
 * few use.
 *
 * @example
 * export const anyText = lazyArbitrary(() => fc.string({ unit: 'binary', maxLength: 40 }));
 */
export function lazyArbitrary<T>(build: () => fc.Arbitrary<T>): fc.Arbitrary<T> {
  return new LazyArbitrary(build);
}
