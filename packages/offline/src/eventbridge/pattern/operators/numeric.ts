import { InvalidEventPatternError } from '../errors';
import type { LeafMatcher } from '../types';

export const NUMERIC = 'numeric';

/**
 * AWS limits numeric matching to values between -5.0e9 and +5.0e9 inclusive: a pattern bound outside is rejected,
 * and an event number outside never matches a numeric comparison.
 */
export const NUMERIC_LIMIT = 5.0e9;

type Comparison = '=' | '<' | '<=' | '>' | '>=';
const COMPARISONS: ReadonlySet<string> = new Set(['=', '<', '<=', '>', '>=']);

function readComparison(operands: readonly unknown[], index: number): { comparison: Comparison; bound: number } {
  const comparison = operands[index];
  if (typeof comparison !== 'string' || !COMPARISONS.has(comparison)) {
    throw new InvalidEventPatternError(`Unrecognized numeric range operator: ${JSON.stringify(comparison)}`);
  }
  if (index + 1 >= operands.length) throw new InvalidEventPatternError(`Value of ${comparison} must be numeric`);
  const bound = operands[index + 1];
  if (typeof bound !== 'number' || !Number.isFinite(bound)) {
    throw new InvalidEventPatternError(`Value of ${comparison} must be numeric`);
  }
  if (bound < -NUMERIC_LIMIT || bound > NUMERIC_LIMIT) {
    throw new InvalidEventPatternError(`Value of ${comparison} must be between -5.0E9 and 5.0E9 inclusive`);
  }
  return { comparison: comparison as Comparison, bound };
}

function single(comparison: Comparison, bound: number): (n: number) => boolean {
  switch (comparison) {
    case '=':
      return (n) => n === bound;
    case '<':
      return (n) => n < bound;
    case '<=':
      return (n) => n <= bound;
    case '>':
      return (n) => n > bound;
    case '>=':
      return (n) => n >= bound;
  }
}

/**
 * `{"numeric": [">", 0, "<=", 5]}`: one comparison (`=`, `<`, `<=`, `>`, `>=`), or a range made of a lower bound
 * (`>` / `>=`) followed by an upper bound (`<` / `<=`) above it. Only JSON numbers in the event match; a string
 * such as "300" does not.
 */
export function compileNumeric(operand: unknown): LeafMatcher {
  if (!Array.isArray(operand) || operand.length === 0) {
    throw new InvalidEventPatternError(`Value of ${NUMERIC} must be an array.`);
  }
  const first = readComparison(operand, 0);
  let test: (n: number) => boolean;
  if (operand.length === 2) {
    test = single(first.comparison, first.bound);
  } else if (operand.length === 4) {
    const second = readComparison(operand, 2);
    const lowerFirst = first.comparison === '>' || first.comparison === '>=';
    const upperSecond = second.comparison === '<' || second.comparison === '<=';
    if (!lowerFirst || !upperSecond) {
      throw new InvalidEventPatternError(
        `Bad numeric range: a lower bound (> or >=) must come first, then an upper bound (< or <=)`,
      );
    }
    if (first.bound >= second.bound) throw new InvalidEventPatternError('Bottom must be less than top');
    const lower = single(first.comparison, first.bound);
    const upper = single(second.comparison, second.bound);
    test = (n) => lower(n) && upper(n);
  } else {
    throw new InvalidEventPatternError(`Too many or too few terms in numeric range: ${JSON.stringify(operand)}`);
  }
  return (value) => typeof value === 'number' && value >= -NUMERIC_LIMIT && value <= NUMERIC_LIMIT && test(value);
}
