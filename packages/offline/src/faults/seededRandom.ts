/**
 * A small, fast seeded generator (mulberry32 over a string hash): the same seed gives the same sequence.
 *
 * @example
 * const random = seededRandom('soak-1'); random(); // 0 ≤ x < 1, the same on every run
 */
export function seededRandom(seed: string | number): () => number {
  let state = 2166136261;
  for (const char of String(seed)) state = Math.imul(state ^ char.charCodeAt(0), 16777619) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
