/**
 * The JSONPath subset EventBridge accepts in `InputPath` and in an input transformer's `InputPathsMap`:
 * `$`, dot notation with letters, digits, dashes, underscores and forward slashes, array indices (`[0]`),
 * wildcards (`.*`, `[*]`). A path with a wildcard yields the array of what it matched.
 */
export class InvalidJsonPathError extends Error {
  constructor(readonly path: string) {
    super(`${path} is not a valid JSON path`);
    this.name = 'InvalidJsonPathError';
  }
}

type Segment = { kind: 'key'; key: string } | { kind: 'index'; index: number } | { kind: 'wildcard' };

export interface CompiledJsonPath {
  readonly path: string;
  /** True when the path has a wildcard, so it yields an array. */
  readonly indefinite: boolean;
  /** What the path selects in `document`; `found` is false when nothing is there. */
  evaluate(document: unknown): { found: boolean; value?: unknown };
}

const KEY = /^[A-Za-z0-9_\-/]+/;
const INDEX = /^\[(\d+|\*)\]/;

/**
 * Parses a path once, to evaluate it per event.
 *
 * @example
 * compileJsonPath('$.detail.books[0].isbn').evaluate(event); // { found: true, value: '978-1' }
 */
export function compileJsonPath(path: string): CompiledJsonPath {
  if (!path.startsWith('$')) throw new InvalidJsonPathError(path);
  const segments: Segment[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    if (rest.startsWith('.*')) {
      segments.push({ kind: 'wildcard' });
      rest = rest.slice(2);
      continue;
    }
    if (rest.startsWith('.')) {
      const key = KEY.exec(rest.slice(1));
      if (!key) throw new InvalidJsonPathError(path);
      segments.push({ kind: 'key', key: key[0] });
      rest = rest.slice(1 + key[0].length);
      continue;
    }
    const index = INDEX.exec(rest);
    if (!index) throw new InvalidJsonPathError(path);
    segments.push(index[1] === '*' ? { kind: 'wildcard' } : { kind: 'index', index: Number(index[1]) });
    rest = rest.slice(index[0].length);
  }
  const indefinite = segments.some((s) => s.kind === 'wildcard');
  return {
    path,
    indefinite,
    evaluate(document) {
      let current: unknown[] = [document];
      for (const segment of segments) current = current.flatMap((node) => step(node, segment));
      if (indefinite) return { found: true, value: current };
      return current.length === 0 ? { found: false } : { found: true, value: current[0] };
    },
  };
}

function step(node: unknown, segment: Segment): unknown[] {
  if (segment.kind === 'wildcard') {
    if (Array.isArray(node)) return node;
    if (node !== null && typeof node === 'object') return Object.values(node);
    return [];
  }
  if (segment.kind === 'index') {
    return Array.isArray(node) && segment.index < node.length ? [node[segment.index]] : [];
  }
  if (node !== null && typeof node === 'object' && !Array.isArray(node) && Object.hasOwn(node, segment.key)) {
    return [(node as Record<string, unknown>)[segment.key]];
  }
  return [];
}

/** True when `path` is in the subset EventBridge accepts. */
export function isValidJsonPath(path: string): boolean {
  try {
    compileJsonPath(path);
    return true;
  } catch {
    return false;
  }
}
