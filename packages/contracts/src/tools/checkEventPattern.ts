import { toJsonSchema } from '../jsonSchema';
import type { EventContract } from '../types';

/** A place where a rule pattern asks for something no matching contract defines: that rule would never match. */
export interface PatternIssue {
  /** The rule (or filter) the pattern belongs to, as the caller names it: `payments/OrderEventsRule`. */
  readonly rule: string;
  /** Where in the pattern: `source`, `detail-type`, `detail.data.total.amount`. */
  readonly path: string;
  readonly problem: string;
}

type Schema = Record<string, unknown>;
type Leaf = 'string' | 'number' | 'boolean' | 'null';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
// Fields EventBridge sets on every event: a pattern may filter on them whatever the contract.
const ENVELOPE = new Set(['version', 'id', 'account', 'time', 'region', 'resources', 'replay-name']);
const STRING_OPERATORS = new Set(['prefix', 'suffix', 'wildcard', 'equals-ignore-case', 'cidr']);

/**
 * Checks an EventBridge pattern against the event contracts: its sources and detail-types must be some
 * contract's, and every `detail` field it names must exist in each matched event (in some version of it),
 * with values of the field's type (and within its enum). `$or` alternatives are checked one by one.
 *
 * @example
 * checkEventPattern('payments/OrderEventsRule', { source: ['mesh.orders'], detail: { data: { total: [5] } } }, events);
 * // [{ rule: 'payments/OrderEventsRule', path: 'detail.data.total', problem: 'number 5 can never match object' }]
 */
export function checkEventPattern(rule: string, pattern: unknown, events: readonly EventContract[]): PatternIssue[] {
  const issues: PatternIssue[] = [];
  const report = (path: string, problem: string) => issues.push({ rule, path, problem });
  if (!isObject(pattern)) {
    report('(root)', 'a pattern is a JSON object');
    return issues;
  }
  for (const alternative of expandOr(pattern)) checkAlternative(alternative, events, report);
  return dedupe(issues);
}

// A top-level `$or` is one rule with several patterns: each alternative joined with the fields beside it.
function expandOr(pattern: Record<string, unknown>): Record<string, unknown>[] {
  const { $or, ...rest } = pattern;
  if (!Array.isArray($or)) return [pattern];
  return $or.filter(isObject).flatMap((alternative) => expandOr({ ...rest, ...alternative }));
}

function checkAlternative(
  pattern: Record<string, unknown>,
  events: readonly EventContract[],
  report: (path: string, problem: string) => void,
): void {
  let candidates = [...events];
  const sources = [...new Set(events.map((e) => e.source))];
  if ('source' in pattern) {
    for (const value of literals(pattern.source)) {
      if (!sources.some((s) => matchesLiteral(s, value))) report('source', `${show(value)} is no contract's source`);
    }
    candidates = candidates.filter((e) => literals(pattern.source).some((v) => matchesLiteral(e.source, v)));
  }
  if ('detail-type' in pattern) {
    for (const value of literals(pattern['detail-type'])) {
      if (!candidates.some((e) => matchesLiteral(e.detailType, value))) {
        const from =
          'source' in pattern ? ` of ${[...new Set(candidates.map((e) => e.source))].join(', ') || 'its sources'}` : '';
        report('detail-type', `${show(value)} is no event${from}`);
      }
    }
    candidates = candidates.filter((e) =>
      literals(pattern['detail-type']).some((v) => matchesLiteral(e.detailType, v)),
    );
  }
  for (const key of Object.keys(pattern)) {
    if (key !== 'source' && key !== 'detail-type' && key !== 'detail' && !ENVELOPE.has(key)) {
      report(key, 'is not a field of an EventBridge event');
    }
  }
  if (!('detail' in pattern) || candidates.length === 0) return;
  // Each event name must have the field in some version: a subscription of v2 also takes upcast v1.
  const byName = new Map<string, Schema[]>();
  for (const c of candidates) byName.set(c.name, [...(byName.get(c.name) ?? []), toJsonSchema(c)]);
  for (const [name, schemas] of byName) {
    const problems = schemas.map((schema) => {
      const found: [string, string][] = [];
      walkDetail(pattern.detail, schema, 'detail', name, (path, problem) => found.push([path, problem]));
      return found;
    });
    // Report what every version gets wrong (the fewest problems name the likeliest intent).
    const best = problems.reduce((a, b) => (b.length < a.length ? b : a));
    for (const [path, problem] of best) report(path, problem);
  }
}

function walkDetail(
  pattern: unknown,
  schema: Schema,
  path: string,
  event: string,
  report: (path: string, problem: string) => void,
): void {
  const node = itemsOf(schema);
  if (isObject(pattern)) {
    const properties = isObject(node.properties) ? node.properties : undefined;
    if (!properties) {
      if (!typesOf(node).includes('object') && typesOf(node).length > 0) {
        report(path, `is ${typesOf(node).join('|')} in ${event}, not an object with fields`);
      }
      return; // an open object (record, unknown): any field may be there
    }
    for (const [key, value] of Object.entries(pattern)) {
      if (key === '$or' && Array.isArray(value)) {
        for (const alternative of value) walkDetail(alternative, schema, path, event, report);
        continue;
      }
      const child = properties[key];
      if (!isObject(child)) {
        if (!isExistsFalse(value)) report(`${path}.${key}`, `is not a field of ${event}`);
        continue;
      }
      walkDetail(value, child, `${path}.${key}`, event, report);
    }
    return;
  }
  if (!Array.isArray(pattern)) return report(path, 'a pattern leaf is a list of values or operators');
  for (const value of pattern) checkLeaf(value, node, path, event, report);
}

function checkLeaf(
  value: unknown,
  schema: Schema,
  path: string,
  event: string,
  report: (p: string, m: string) => void,
) {
  const types = typesOf(schema);
  const accepts = (leaf: Leaf) =>
    types.length === 0 || types.includes(leaf) || (leaf === 'number' && types.includes('integer'));
  const expect = (leaf: Leaf, what: string) => {
    if (!accepts(leaf)) report(path, `${what} can never match ${types.join('|')} in ${event}`);
  };
  if (isObject(value)) {
    const [operator] = Object.keys(value);
    const operand = operator === undefined ? undefined : value[operator];
    if (operator === 'exists') return;
    if (operator === 'numeric') return expect('number', 'numeric');
    if (operator && STRING_OPERATORS.has(operator)) return expect('string', operator);
    if (operator === 'anything-but') {
      const inner = Array.isArray(operand) ? operand : [operand];
      for (const v of inner) if (!isObject(v)) checkLeaf(v, schema, path, event, report);
      return;
    }
    return report(path, `unknown operator ${show(operator)}`);
  }
  const leaf: Leaf = value === null ? 'null' : (typeof value as Leaf);
  expect(leaf, `${leaf} ${show(value)}`);
  const allowed = Array.isArray(schema.enum) ? schema.enum : 'const' in schema ? [schema.const] : undefined;
  if (allowed && accepts(leaf) && !allowed.includes(value)) {
    report(path, `${show(value)} can never match: ${event} allows only ${allowed.map(show).join(', ')}`);
  }
}

// EventBridge matches an array field when any element matches: a pattern on an array names its items.
function itemsOf(schema: Schema): Schema {
  const union = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(union)) {
    const merged = union.filter(isObject).map(itemsOf);
    const withFields = merged.find((b) => isObject(b.properties));
    return withFields ?? { type: merged.flatMap(typesOf), ...(merged.length === 1 ? merged[0] : {}) };
  }
  return typesOf(schema).includes('array') && isObject(schema.items) ? itemsOf(schema.items) : schema;
}

function typesOf(schema: Schema): string[] {
  if (typeof schema.type === 'string') return [schema.type];
  if (Array.isArray(schema.type)) return schema.type as string[];
  if ('const' in schema) return [schema.const === null ? 'null' : typeof schema.const];
  return [];
}

function literals(list: unknown): unknown[] {
  return Array.isArray(list) ? list : [list];
}

// A literal value, or a `prefix`/`suffix`/`equals-ignore-case` operator on source and detail-type.
function matchesLiteral(actual: string, value: unknown): boolean {
  if (typeof value === 'string') return actual === value;
  if (!isObject(value)) return false;
  if (typeof value.prefix === 'string') return actual.startsWith(value.prefix);
  if (typeof value.suffix === 'string') return actual.endsWith(value.suffix);
  if (typeof value['equals-ignore-case'] === 'string')
    return actual.toLowerCase() === value['equals-ignore-case'].toLowerCase();
  if ('anything-but' in value) return !literals(value['anything-but']).includes(actual);
  return true; // operators that say nothing of a name (exists, wildcard): assume they may match
}

function isExistsFalse(value: unknown): boolean {
  return Array.isArray(value) && value.length === 1 && isObject(value[0]) && value[0].exists === false;
}

function show(value: unknown): string {
  return JSON.stringify(value);
}

function dedupe(issues: PatternIssue[]): PatternIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => !seen.has(`${i.path}\n${i.problem}`) && seen.add(`${i.path}\n${i.problem}`));
}
