import { InvalidEventPatternError } from '../errors';
import { isJsonObject } from '../isJsonObject';
import type { LeafMatcher } from '../types';
import { caseInsensitiveText, matchesIgnoringCaseAt } from './caseInsensitiveText';
import { EQUALS_IGNORE_CASE } from './equalsIgnoreCase';
import { expectString } from './expectString';

export const SUFFIX = 'suffix';

/** A string event value ending with `text` (the empty suffix matches every string). */
export function suffixMatcher(text: string): LeafMatcher {
  return (value) => typeof value === 'string' && value.endsWith(text);
}

export function suffixIgnoringCaseMatcher(text: string): LeafMatcher {
  const folded = caseInsensitiveText(text);
  return (value) => typeof value === 'string' && matchesIgnoringCaseAt(value, value.length - folded.length, folded);
}

/** `{"suffix": ".png"}` or `{"suffix": {"equals-ignore-case": ".png"}}`. */
export function compileSuffix(operand: unknown): LeafMatcher {
  if (isJsonObject(operand)) {
    const keys = Object.keys(operand);
    if (keys.length !== 1 || keys[0] !== EQUALS_IGNORE_CASE) {
      throw new InvalidEventPatternError(`Unsupported ${SUFFIX} pattern: ${JSON.stringify(operand)}`);
    }
    return suffixIgnoringCaseMatcher(expectString(operand[EQUALS_IGNORE_CASE], EQUALS_IGNORE_CASE));
  }
  return suffixMatcher(expectString(operand, SUFFIX));
}
