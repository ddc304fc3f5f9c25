import { InvalidEventPatternError } from '../errors';
import { isJsonObject } from '../isJsonObject';
import type { LeafMatcher } from '../types';
import { caseInsensitiveText, matchesIgnoringCaseAt } from './caseInsensitiveText';
import { EQUALS_IGNORE_CASE } from './equalsIgnoreCase';
import { expectString } from './expectString';

export const PREFIX = 'prefix';

/** A string event value starting with `text` (the empty prefix matches every string). */
export function prefixMatcher(text: string): LeafMatcher {
  return (value) => typeof value === 'string' && value.startsWith(text);
}

export function prefixIgnoringCaseMatcher(text: string): LeafMatcher {
  const folded = caseInsensitiveText(text);
  return (value) => typeof value === 'string' && matchesIgnoringCaseAt(value, 0, folded);
}

/** `{"prefix": "us-"}` or `{"prefix": {"equals-ignore-case": "us-"}}`. */
export function compilePrefix(operand: unknown): LeafMatcher {
  if (isJsonObject(operand)) {
    const keys = Object.keys(operand);
    if (keys.length !== 1 || keys[0] !== EQUALS_IGNORE_CASE) {
      throw new InvalidEventPatternError(`Unsupported ${PREFIX} pattern: ${JSON.stringify(operand)}`);
    }
    return prefixIgnoringCaseMatcher(expectString(operand[EQUALS_IGNORE_CASE], EQUALS_IGNORE_CASE));
  }
  return prefixMatcher(expectString(operand, PREFIX));
}
