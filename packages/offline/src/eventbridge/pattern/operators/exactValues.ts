import type { JsonLeaf, LeafMatcher } from '../types';

/**
 * The plain values of a field's list (`"state": ["running", 3, true, null, ""]`): an event leaf matches when it is
 * one of them, with the same JSON type (the string "3" is not the number 3; 3 and 3.0 are the same number).
 * Compiled to the cheapest test for the list: one comparison for one value, a Set lookup for several.
 */
export function exactValuesMatcher(values: readonly JsonLeaf[]): LeafMatcher | undefined {
  if (values.length === 0) return undefined;
  if (values.length === 1) {
    const only = values[0];
    return (value) => value === only;
  }
  const strings = new Set<string>();
  const numbers = new Set<number>();
  let matchesTrue = false;
  let matchesFalse = false;
  let matchesNull = false;
  for (const value of values) {
    if (typeof value === 'string') strings.add(value);
    else if (typeof value === 'number') numbers.add(value);
    else if (value === true) matchesTrue = true;
    else if (value === false) matchesFalse = true;
    else matchesNull = true;
  }
  return (value) => {
    switch (typeof value) {
      case 'string':
        return strings.has(value);
      case 'number':
        return numbers.has(value);
      case 'boolean':
        return value ? matchesTrue : matchesFalse;
      default:
        return value === null && matchesNull;
    }
  };
}
