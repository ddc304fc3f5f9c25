import { compileFieldMatcher } from './compileFieldMatcher';
import { InvalidEventPatternError } from './errors';
import { compileEventPath, someLeafAt } from './eventPath';
import { isJsonObject } from './isJsonObject';
import { parsePattern } from './parsePattern';
import type { CompiledPattern, EventMatcher, JsonObject } from './types';

export const OR = '$or';

/** One condition every matching event must meet: a field, or an `$or` of sub-patterns. */
interface Conjunct {
  readonly test: EventMatcher;
  readonly cost: number;
}

const anyLeaf = (): boolean => true;

function fieldConjunct(segments: readonly string[], list: unknown[]): Conjunct {
  const path = compileEventPath(segments);
  const { leaf, matchesAbsence, cost } = compileFieldMatcher(list, path.dotted);
  const test: EventMatcher = matchesAbsence
    ? (event) => someLeafAt(event, path, 0, leaf) || !someLeafAt(event, path, 0, anyLeaf)
    : (event) => someLeafAt(event, path, 0, leaf);
  return { test, cost: cost + segments.length };
}

/** `$or` takes a list of sub-patterns (objects); any other value makes "$or" an ordinary field name. */
const isOrList = (value: unknown): value is JsonObject[] =>
  Array.isArray(value) && value.length > 0 && value.every(isJsonObject);

function orConjunct(prefix: readonly string[], alternatives: JsonObject[]): Conjunct {
  if (alternatives.length < 2) throw new InvalidEventPatternError('Or relationship must have at least 2 sub-rules');
  const branches = alternatives.map((alternative) => conjunction(compileObject(alternative, prefix)));
  const tests = branches.map((branch) => branch.test);
  const test: EventMatcher = (event) => {
    for (let i = 0; i < tests.length; i++) if ((tests[i] as EventMatcher)(event)) return true;
    return false;
  };
  return { test, cost: branches.reduce((sum, branch) => sum + branch.cost, 0) };
}

/**
 * Compiles the fields of one pattern object (the root, a nested object, or an `$or` alternative) into the
 * conditions an event must all meet. Nested objects are flattened into dotted paths from the root, as EventBridge
 * does, so their fields are tested independently of each other.
 */
function compileObject(pattern: JsonObject, prefix: readonly string[]): Conjunct[] {
  const keys = Object.keys(pattern);
  if (keys.length === 0) throw new InvalidEventPatternError('Empty objects are not allowed');
  const conjuncts: Conjunct[] = [];
  for (const key of keys) {
    const value = pattern[key];
    if (key === OR && isOrList(value)) {
      conjuncts.push(orConjunct(prefix, value));
      continue;
    }
    const segments = [...prefix, ...key.split('.')];
    if (isJsonObject(value)) conjuncts.push(...compileObject(value, segments));
    else if (Array.isArray(value)) conjuncts.push(fieldConjunct(segments, value));
    else throw new InvalidEventPatternError(`"${key}" must be an object or an array`);
  }
  return conjuncts;
}

/** ANDs conditions, cheapest first, so most events are rejected by a single exact comparison. */
function conjunction(conjuncts: Conjunct[]): Conjunct {
  const sorted = [...conjuncts].sort((a, b) => a.cost - b.cost);
  const tests = sorted.map((conjunct) => conjunct.test);
  const cost = sorted.reduce((sum, conjunct) => sum + conjunct.cost, 0);
  if (tests.length === 1) return { test: tests[0] as EventMatcher, cost };
  if (tests.length === 2) {
    const [first, second] = tests as [EventMatcher, EventMatcher];
    return { test: (event) => first(event) && second(event), cost };
  }
  return {
    test: (event) => {
      for (let i = 0; i < tests.length; i++) if (!(tests[i] as EventMatcher)(event)) return false;
      return true;
    },
    cost,
  };
}

/**
 * Compiles an EventBridge event pattern once into a matcher, validating it as AWS does. Every operator AWS
 * documents is supported: exact values, prefix, suffix, equals-ignore-case, wildcard, anything-but, numeric,
 * exists, cidr and `$or`. Matching then only reads the event: no parsing, no regular expressions, no allocation.
 *
 * @throws InvalidEventPatternError when the pattern is not JSON, not an object, or not a valid event pattern.
 * @example
 * ```ts
 * const rule = compilePattern('{"source": ["mesh.loans"], "detail": {"days": [{"numeric": [">", 100]}]}}');
 * rule.matches({ source: 'mesh.loans', 'detail-type': 'BookLent', detail: { days: 120 } }); // true
 * rule.matches({ source: 'mesh.loans', 'detail-type': 'BookLent', detail: { days: 80 } }); // false
 * ```
 */
export function compilePattern(pattern: string | object): CompiledPattern {
  const { test } = conjunction(compileObject(parsePattern(pattern), []));
  return {
    matches: (event: unknown): boolean =>
      typeof event === 'object' && event !== null && !Array.isArray(event) && test(event),
  };
}
