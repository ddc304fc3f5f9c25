import type { JsonLeaf } from './types';

/**
 * The path of a pattern field, from the event root, split on every dot of every key.
 *
 * EventBridge flattens both the pattern and the event into dotted paths before comparing them, so the pattern field
 * `detail.state.status` is found at `{"detail": {"state": {"status": ...}}}` and also at
 * `{"detail": {"state.status": ...}}`. `keysFrom[i]` lists the keys to look up when `i` segments were consumed:
 * segment i alone, then segments i..i+1 joined by a dot, and so on, all built once at compile time.
 */
export interface EventPath {
  readonly length: number;
  readonly keysFrom: readonly (readonly string[])[];
  /** The path as AWS writes it, for messages. */
  readonly dotted: string;
}

/** Builds the lookup table of a path once, so matching only does property reads. */
export function compileEventPath(segments: readonly string[]): EventPath {
  const keysFrom = segments.map((_, start) => {
    const keys: string[] = [];
    for (let end = start; end < segments.length; end++) keys.push(segments.slice(start, end + 1).join('.'));
    return keys;
  });
  return { length: segments.length, keysFrom, dotted: segments.join('.') };
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Calls `visit` on every leaf (string, number, boolean, null) found at `path` in `node`, stopping at the first leaf
 * for which it returns true (and returning true). Arrays anywhere on the way are walked element by element (an event
 * array matches when any element does); objects at the end of the path are not leaves, so `exists` ignores them.
 * No allocation: this runs for every field of every rule on every event.
 */
export function someLeafAt(
  node: unknown,
  path: EventPath,
  consumed: number,
  visit: (leaf: JsonLeaf) => boolean,
): boolean {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) if (someLeafAt(node[i], path, consumed, visit)) return true;
    return false;
  }
  if (consumed === path.length) {
    if (node === null || typeof node !== 'object') return visit(node as JsonLeaf);
    return false;
  }
  if (node === null || typeof node !== 'object') return false;
  const keys = path.keysFrom[consumed] as readonly string[];
  const record = node as Record<string, unknown>;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k] as string;
    const child = record[key];
    // The own-property check keeps inherited names ("constructor", "toString") from looking present.
    if (child !== undefined && hasOwn.call(record, key) && someLeafAt(child, path, consumed + k + 1, visit))
      return true;
  }
  return false;
}
