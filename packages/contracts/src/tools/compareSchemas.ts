import type { ChangeKind, SchemaChange } from './schemaChange';

type Schema = Record<string, unknown>;

// Keywords that document a schema without changing what it accepts.
const ANNOTATIONS = new Set([
  '$id',
  '$schema',
  '$comment',
  'title',
  'description',
  'examples',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$defs',
  'definitions',
]);
// A greater value accepts less.
const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'];
// A smaller value accepts less.
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'];
// Any edit of these is a different language: only adding (narrower) or removing (wider) is directional.
const OPAQUE = ['pattern', 'format', 'multipleOf', 'const'];
const HANDLED = new Set([
  ...LOWER_BOUNDS,
  ...UPPER_BOUNDS,
  ...OPAQUE,
  'type',
  'enum',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'prefixItems',
  'anyOf',
  'oneOf',
  '$ref',
]);

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const show = (value: unknown) => JSON.stringify(value);

const NARROWER = { backward: false, forward: true } as const;
const WIDER = { backward: true, forward: false } as const;
const NEITHER = { backward: false, forward: false } as const;
const EITHER = { backward: true, forward: true } as const;

/**
 * Compares two JSON Schemas of one message (a published snapshot and the contract as it is now) and lists
 * every change with what it keeps: whether new consumers still read old data (backward) and old consumers
 * new data (forward). Objects are open both ways: every consumer strips the fields it does not know (zod's
 * default), so a new optional field is safe. Unknown keywords that differ count as breaking: the gate errs
 * on the side of a new version.
 *
 * @example
 * const changes = compareSchemas(snapshot, toJsonSchema(OrderPlaced));
 * // [{ path: 'data.total', kind: 'field-removed', backward: true, forward: false, ... }]
 */
export function compareSchemas(published: Schema, current: Schema): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const resolve = (schema: Schema, root: Schema): Schema => {
    const ref = schema.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema;
    let target: unknown = root;
    for (const part of ref.slice(2).split('/')) target = isSchema(target) ? target[part] : undefined;
    return isSchema(target) ? { ...target, ...withoutRef(schema) } : schema;
  };
  const walk = (oldRaw: Schema, newRaw: Schema, path: string, depth: number) => {
    if (depth > 64) return; // a recursive schema compared this deep has been compared whole
    const o = resolve(oldRaw, published);
    const n = resolve(newRaw, current);
    const add: Add = (kind, keeps, detail, at = path) => changes.push({ path: at || '(root)', kind, ...keeps, detail });

    if (compareUnions(o, n, add, (a, b) => walk(a, b, path, depth + 1))) return;
    if (!compareTypes(o, n, add)) return;
    compareEnums(o, n, add);
    compareBounds(o, n, add);
    compareOpaque(o, n, add);
    compareUnknownKeywords(o, n, add);
    compareProperties(o, n, path, add, (a, b, p) => walk(a, b, p, depth + 1));
    if (isSchema(o.items) && isSchema(n.items)) walk(o.items, n.items, `${path}[]`, depth + 1);
    else if (!same(o.items, n.items)) add('schema-changed', NEITHER, `items ${show(o.items)} → ${show(n.items)}`);
    if (isSchema(o.additionalProperties) && isSchema(n.additionalProperties)) {
      walk(o.additionalProperties, n.additionalProperties, `${path}.*`, depth + 1);
    }
    const oTuple = Array.isArray(o.prefixItems) ? (o.prefixItems as Schema[]) : [];
    const nTuple = Array.isArray(n.prefixItems) ? (n.prefixItems as Schema[]) : [];
    if (oTuple.length !== nTuple.length) add('schema-changed', NEITHER, `tuple of ${oTuple.length} → ${nTuple.length}`);
    else oTuple.forEach((item, i) => walk(item, nTuple[i]!, `${path}[${i}]`, depth + 1));
  };
  walk(published, current, '', 0);
  return changes;
}

type Add = (kind: ChangeKind, keeps: { backward: boolean; forward: boolean }, detail: string, at?: string) => void;

function withoutRef(schema: Schema): Schema {
  const { $ref: _ref, ...rest } = schema;
  return rest;
}

function branchesOf(schema: Schema): Schema[] | undefined {
  const union = schema.anyOf ?? schema.oneOf;
  return Array.isArray(union) ? (union as Schema[]) : undefined;
}

// A union (zod's `nullable`, `union`) against a union or a plain schema: branches match by equality; as many
// branches on each side are compared in order (zod keeps it), so an edit inside `nullable(object)` is found.
function compareUnions(o: Schema, n: Schema, add: Add, walkPair: (a: Schema, b: Schema) => void): boolean {
  const ob = branchesOf(o);
  const nb = branchesOf(n);
  if (!ob && !nb) return false;
  const oldBranches = ob ?? [o];
  const newBranches = nb ?? [n];
  if (oldBranches.length === newBranches.length) {
    oldBranches.forEach((branch, i) => walkPair(branch, newBranches[i]!));
    return true;
  }
  const kept = (from: Schema[], to: Schema[]) => from.every((b) => to.some((c) => same(b, c)));
  if (kept(oldBranches, newBranches))
    add('union-widened', WIDER, `${oldBranches.length} → ${newBranches.length} alternatives`);
  else if (kept(newBranches, oldBranches))
    add('union-narrowed', NARROWER, `${oldBranches.length} → ${newBranches.length} alternatives`);
  else add('schema-changed', NEITHER, `alternatives ${show(ob ?? o)} → ${show(nb ?? n)}`);
  return true;
}

function typesOf(schema: Schema): string[] | undefined {
  if (typeof schema.type === 'string') return [schema.type];
  if (Array.isArray(schema.type)) return schema.type as string[];
  return undefined;
}

// Returns false when the types share nothing: comparing their keywords would only add noise.
function compareTypes(o: Schema, n: Schema, add: Add): boolean {
  const ot = typesOf(o);
  const nt = typesOf(n);
  if (same(ot, nt)) return true;
  const within = (a: string[] | undefined, b: string[] | undefined) =>
    b === undefined || (a !== undefined && a.every((t) => b.includes(t) || (t === 'integer' && b.includes('number'))));
  const detail = `${ot?.join('|') ?? 'any'} → ${nt?.join('|') ?? 'any'}`;
  if (within(ot, nt)) add('type-widened', WIDER, detail);
  else if (within(nt, ot)) add('type-narrowed', NARROWER, detail);
  else {
    add('type-changed', NEITHER, detail);
    return false;
  }
  return true;
}

function compareEnums(o: Schema, n: Schema, add: Add): void {
  const oe = Array.isArray(o.enum) ? o.enum : undefined;
  const ne = Array.isArray(n.enum) ? n.enum : undefined;
  if (!oe && !ne) return;
  if (!oe) return add('constraint-tightened', NARROWER, `now one of ${show(ne)}`);
  if (!ne) return add('constraint-loosened', WIDER, `no longer one of ${show(oe)}`);
  const removed = oe.filter((v) => !ne.some((w) => same(v, w)));
  const added = ne.filter((v) => !oe.some((w) => same(v, w)));
  if (removed.length > 0) add('enum-value-removed', NARROWER, `${removed.map(show).join(', ')} removed`);
  if (added.length > 0) add('enum-value-added', WIDER, `${added.map(show).join(', ')} added`);
}

function compareBounds(o: Schema, n: Schema, add: Add): void {
  const check = (keyword: string, tighter: (was: number, now: number) => boolean) => {
    const was = o[keyword] as number | undefined;
    const now = n[keyword] as number | undefined;
    if (was === now) return;
    const detail = `${keyword} ${was ?? 'none'} → ${now ?? 'none'}`;
    if (was === undefined || (now !== undefined && tighter(was, now))) add('constraint-tightened', NARROWER, detail);
    else add('constraint-loosened', WIDER, detail);
  };
  for (const keyword of LOWER_BOUNDS) check(keyword, (was, now) => now > was);
  for (const keyword of UPPER_BOUNDS) check(keyword, (was, now) => now < was);
}

function compareOpaque(o: Schema, n: Schema, add: Add): void {
  for (const keyword of OPAQUE) {
    const was = o[keyword];
    const now = n[keyword];
    if (same(was, now)) continue;
    const detail = `${keyword} ${show(was) ?? 'none'} → ${show(now) ?? 'none'}`;
    if (was === undefined) add('constraint-tightened', NARROWER, detail);
    else if (now === undefined) add('constraint-loosened', WIDER, detail);
    else add('constraint-changed', NEITHER, detail);
  }
}

function compareUnknownKeywords(o: Schema, n: Schema, add: Add): void {
  for (const keyword of new Set([...Object.keys(o), ...Object.keys(n)])) {
    if (HANDLED.has(keyword) || ANNOTATIONS.has(keyword) || keyword.startsWith('x-')) continue;
    if (!same(o[keyword], n[keyword]))
      add('schema-changed', NEITHER, `${keyword} ${show(o[keyword])} → ${show(n[keyword])}`);
  }
}

function compareProperties(
  o: Schema,
  n: Schema,
  path: string,
  add: Add,
  walk: (a: Schema, b: Schema, path: string) => void,
): void {
  const op = isSchema(o.properties) ? o.properties : {};
  const np = isSchema(n.properties) ? n.properties : {};
  const oreq = new Set(Array.isArray(o.required) ? (o.required as string[]) : []);
  const nreq = new Set(Array.isArray(n.required) ? (n.required as string[]) : []);
  const at = (key: string) => (path ? `${path}.${key}` : key);
  const removed = Object.keys(op).filter((k) => !(k in np));
  const added = Object.keys(np).filter((k) => !(k in op));
  // A field that left while one of the same schema and presence arrived was renamed: say so, it reads better.
  for (const gone of [...removed]) {
    const twin = added.find((k) => same(op[gone], np[k]) && oreq.has(gone) === nreq.has(k));
    if (!twin) continue;
    removed.splice(removed.indexOf(gone), 1);
    added.splice(added.indexOf(twin), 1);
    add('field-renamed', NEITHER, `renamed to ${at(twin)}`, at(gone));
  }
  for (const key of removed) add('field-removed', WIDER, `was ${oreq.has(key) ? 'required' : 'optional'}`, at(key));
  for (const key of added) {
    if (nreq.has(key)) add('required-field-added', NARROWER, 'added as required', at(key));
    else add('field-added', EITHER, 'added as optional', at(key));
  }
  for (const key of Object.keys(op)) {
    if (!(key in np)) continue;
    if (oreq.has(key) && !nreq.has(key)) add('made-optional', WIDER, 'optional, was required', at(key));
    if (!oreq.has(key) && nreq.has(key)) add('made-required', NARROWER, 'required, was optional', at(key));
    const was = op[key];
    const now = np[key];
    if (isSchema(was) && isSchema(now)) walk(was, now, at(key));
  }
}
