import { InvalidEventPatternError } from '../errors';
import type { LeafMatcher } from '../types';
import { expectString } from './expectString';

export const WILDCARD = 'wildcard';

/**
 * How many `*` one wildcard pattern may hold. AWS rejects patterns it deems too complex (e.g.
 * `*:*:*:*:*:event-bus/*`, six wildcards) with the message below, without documenting the exact measure; counting
 * wildcards is our approximation of it.
 */
export const MAX_WILDCARDS = 5;

/**
 * Splits a wildcard pattern into the literal parts between its unescaped `*`, resolving the escapes AWS defines
 * (`\*` a literal star, `\\` a literal backslash) and rejecting what AWS rejects: any other escape, a trailing
 * backslash, consecutive wildcards, and too many wildcards.
 */
export function parseWildcard(pattern: string): string[] {
  const parts: string[] = [];
  let literal = '';
  let previousWasWildcard = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern.charAt(i);
    if (char === '\\') {
      const next = pattern.charAt(i + 1);
      if (next !== '*' && next !== '\\') throw new InvalidEventPatternError(`Invalid escape character at pos ${i}`);
      literal += next;
      i++;
      previousWasWildcard = false;
    } else if (char === '*') {
      if (previousWasWildcard) throw new InvalidEventPatternError(`Consecutive wildcard characters at pos ${i}`);
      parts.push(literal);
      literal = '';
      previousWasWildcard = true;
    } else {
      literal += char;
      previousWasWildcard = false;
    }
  }
  parts.push(literal);
  if (parts.length - 1 > MAX_WILDCARDS) {
    throw new InvalidEventPatternError(
      'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character',
    );
  }
  return parts;
}

/**
 * A string event value matching the glob: the first and last literal parts anchor both ends, and the middle ones
 * are found left to right, each as early as possible (which is optimal when `*` is the only metacharacter).
 * No regular expression, so no backtracking blow-up and no allocation per match.
 */
export function wildcardMatcher(pattern: string): LeafMatcher {
  const parts = parseWildcard(pattern);
  const first = parts[0] as string;
  if (parts.length === 1) return (value) => value === first;
  const last = parts[parts.length - 1] as string;
  const middle = parts.slice(1, -1).filter((part) => part.length > 0);
  const minLength = parts.reduce((sum, part) => sum + part.length, 0);
  return (value) => {
    if (typeof value !== 'string' || value.length < minLength) return false;
    if (!value.startsWith(first) || !value.endsWith(last)) return false;
    const end = value.length - last.length;
    let position = first.length;
    for (let i = 0; i < middle.length; i++) {
      const part = middle[i] as string;
      const found = value.indexOf(part, position);
      if (found < 0 || found + part.length > end) return false;
      position = found + part.length;
    }
    return true;
  };
}

/** `{"wildcard": "arn:aws:events:*:*:event-bus/*"}`: the operand must be a single string. */
export function compileWildcard(operand: unknown): LeafMatcher {
  return wildcardMatcher(expectString(operand, WILDCARD));
}
