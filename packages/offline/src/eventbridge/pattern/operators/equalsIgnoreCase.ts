import { caseInsensitiveText, matchesIgnoringCaseAt } from './caseInsensitiveText';
import { expectString } from './expectString';
import type { LeafMatcher } from '../types';

export const EQUALS_IGNORE_CASE = 'equals-ignore-case';

/** The matcher of one `equals-ignore-case` string: a string event value equal to it in any casing. */
export function equalsIgnoreCaseMatcher(text: string): LeafMatcher {
  const folded = caseInsensitiveText(text);
  return (value) =>
    typeof value === 'string' && value.length === folded.length && matchesIgnoringCaseAt(value, 0, folded);
}

/** `{"equals-ignore-case": "alice"}`: the operand must be a single string. */
export function compileEqualsIgnoreCase(operand: unknown): LeafMatcher {
  return equalsIgnoreCaseMatcher(expectString(operand, EQUALS_IGNORE_CASE));
}
