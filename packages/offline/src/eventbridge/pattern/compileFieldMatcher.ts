import { InvalidEventPatternError } from './errors';
import { isJsonObject } from './isJsonObject';
import { ANYTHING_BUT, compileAnythingBut } from './operators/anythingBut';
import { CIDR, compileCidr } from './operators/cidr';
import { EQUALS_IGNORE_CASE, compileEqualsIgnoreCase } from './operators/equalsIgnoreCase';
import { exactValuesMatcher } from './operators/exactValues';
import { EXISTS, compileExists } from './operators/exists';
import { NUMERIC, compileNumeric } from './operators/numeric';
import { PREFIX, compilePrefix } from './operators/prefix';
import { SUFFIX, compileSuffix } from './operators/suffix';
import { WILDCARD, compileWildcard } from './operators/wildcard';
import type { JsonLeaf, LeafMatcher } from './types';

/** What one field's list of values compiles to. */
export interface FieldMatcher {
  /** True for a leaf that satisfies any entry of the list (`{"exists": true}` accepts every leaf). */
  readonly leaf: LeafMatcher;
  /** The list holds `{"exists": false}`: the field also matches when the event has no leaf at its path. */
  readonly matchesAbsence: boolean;
  /** A rough cost, so a rule tests its cheapest (and usually most selective) fields first. */
  readonly cost: number;
}

const OPERATORS: Readonly<Record<string, (operand: unknown) => LeafMatcher>> = {
  [PREFIX]: compilePrefix,
  [SUFFIX]: compileSuffix,
  [EQUALS_IGNORE_CASE]: compileEqualsIgnoreCase,
  [WILDCARD]: compileWildcard,
  [ANYTHING_BUT]: compileAnythingBut,
  [NUMERIC]: compileNumeric,
  [CIDR]: compileCidr,
};

const anyLeaf: LeafMatcher = () => true;

/**
 * Compiles the list a pattern gives for one field (`"state": ["running", {"prefix": "stop"}]`): the field
 * matches when any entry does. AWS rejects an empty list, a nested list, and match expressions that are not exactly
 * one known (case-sensitive) operator with a valid operand.
 */
export function compileFieldMatcher(list: unknown[], dottedPath: string): FieldMatcher {
  if (list.length === 0) throw new InvalidEventPatternError(`Empty arrays are not allowed (at "${dottedPath}")`);
  const exact: JsonLeaf[] = [];
  const operators: LeafMatcher[] = [];
  let matchesAnyLeaf = false;
  let matchesAbsence = false;
  for (const entry of list) {
    if (entry === null || typeof entry === 'string' || typeof entry === 'number' || typeof entry === 'boolean') {
      exact.push(entry);
      continue;
    }
    if (!isJsonObject(entry)) {
      throw new InvalidEventPatternError(
        `Match value must be String, number, true, false, or null (at "${dottedPath}")`,
      );
    }
    const keys = Object.keys(entry);
    if (keys.length !== 1) {
      throw new InvalidEventPatternError(
        keys.length === 0 ? 'Empty objects are not allowed' : 'Only one key allowed in match expression',
      );
    }
    const operator = keys[0] as string;
    const operand = entry[operator];
    if (operator === EXISTS) {
      if (compileExists(operand)) matchesAnyLeaf = true;
      else matchesAbsence = true;
      continue;
    }
    const compile = OPERATORS[operator];
    if (!compile || !Object.prototype.hasOwnProperty.call(OPERATORS, operator)) {
      throw new InvalidEventPatternError(`Unrecognized match type ${operator}`);
    }
    operators.push(compile(operand));
  }
  const exactMatcher = exactValuesMatcher(exact);
  const all: LeafMatcher[] = matchesAnyLeaf ? [anyLeaf] : exactMatcher ? [exactMatcher, ...operators] : operators;
  const cost = (matchesAnyLeaf ? 1 : 0) + (exactMatcher ? 1 : 0) + operators.length * 3 + (matchesAbsence ? 2 : 0);
  return { leaf: anyOf(all), matchesAbsence, cost };
}

function anyOf(matchers: readonly LeafMatcher[]): LeafMatcher {
  if (matchers.length === 0) return () => false;
  if (matchers.length === 1) return matchers[0] as LeafMatcher;
  if (matchers.length === 2) {
    const [a, b] = matchers as [LeafMatcher, LeafMatcher];
    return (value) => a(value) || b(value);
  }
  return (value) => {
    for (let i = 0; i < matchers.length; i++) if ((matchers[i] as LeafMatcher)(value)) return true;
    return false;
  };
}
