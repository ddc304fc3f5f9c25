import { InvalidEventPatternError } from '../errors';
import { isJsonObject } from '../isJsonObject';
import type { LeafMatcher } from '../types';
import { EQUALS_IGNORE_CASE, equalsIgnoreCaseMatcher } from './equalsIgnoreCase';
import { expectStringOrStrings } from './expectString';
import { PREFIX, prefixMatcher } from './prefix';
import { SUFFIX, suffixMatcher } from './suffix';
import { WILDCARD, wildcardMatcher } from './wildcard';

export const ANYTHING_BUT = 'anything-but';

/** Matches a leaf unless one of `excluded` does: `anything-but` is the negation of an OR of matchers. */
function noneOf(excluded: readonly LeafMatcher[]): LeafMatcher {
  if (excluded.length === 1) {
    const only = excluded[0] as LeafMatcher;
    return (value) => !only(value);
  }
  return (value) => {
    for (let i = 0; i < excluded.length; i++) if ((excluded[i] as LeafMatcher)(value)) return false;
    return true;
  };
}

function notEmpty(texts: string[], operator: string): string[] {
  // AWS rejects an empty prefix / suffix under anything-but (it would exclude every string).
  if (texts.some((text) => text.length === 0)) {
    throw new InvalidEventPatternError(`Null ${operator} not allowed inside anything-but`);
  }
  return texts;
}

function compileNested(operand: Record<string, unknown>): LeafMatcher {
  const keys = Object.keys(operand);
  if (keys.length !== 1) {
    throw new InvalidEventPatternError(`Value of ${ANYTHING_BUT} must be an array or single string/number value.`);
  }
  const operator = keys[0] as string;
  const inner = operand[operator];
  switch (operator) {
    case PREFIX:
      return noneOf(notEmpty(expectStringOrStrings(inner, PREFIX), PREFIX).map(prefixMatcher));
    case SUFFIX:
      return noneOf(notEmpty(expectStringOrStrings(inner, SUFFIX), SUFFIX).map(suffixMatcher));
    case EQUALS_IGNORE_CASE:
      return noneOf(expectStringOrStrings(inner, EQUALS_IGNORE_CASE).map(equalsIgnoreCaseMatcher));
    case WILDCARD:
      return noneOf(expectStringOrStrings(inner, WILDCARD).map(wildcardMatcher));
    default:
      throw new InvalidEventPatternError(`Unsupported ${ANYTHING_BUT} pattern: ${operator}`);
  }
}

/**
 * `{"anything-but": ...}`: any leaf except the given string, number, list of strings or list of numbers, or
 * except what a nested prefix / suffix / equals-ignore-case / wildcard (each with a string or a list of strings)
 * matches. A null event value is "anything but" every one of them, so it matches; a missing field does not.
 */
export function compileAnythingBut(operand: unknown): LeafMatcher {
  if (isJsonObject(operand)) return compileNested(operand);
  const values = Array.isArray(operand) ? operand : [operand];
  if (values.length === 0) throw new InvalidEventPatternError('Empty arrays are not allowed');
  const allStrings = values.every((value) => typeof value === 'string');
  const allNumbers = values.every((value) => typeof value === 'number' && Number.isFinite(value));
  if (!allStrings && !allNumbers) {
    if (values.some((value) => typeof value !== 'string' && typeof value !== 'number')) {
      throw new InvalidEventPatternError('Inside anything but list, start|null|boolean is not supported.');
    }
    throw new InvalidEventPatternError('Inside anything but list, all members must be strings or all numbers');
  }
  if (values.length === 1) {
    const only = values[0] as string | number;
    return (value) => value !== only;
  }
  const excluded = new Set<unknown>(values);
  return (value) => !excluded.has(value);
}
