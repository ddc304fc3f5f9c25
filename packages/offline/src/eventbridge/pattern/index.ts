/**
 * EventBridge event-pattern engine (work in progress: exact-value matching only for now).
 * The public API below is stable; the implementation behind it grows.
 */
export class InvalidEventPatternError extends Error {
  constructor(reason: string) {
    super(`Event pattern is not valid. Reason: ${reason}`);
    this.name = 'InvalidEventPatternError';
  }
}

export interface CompiledPattern {
  matches(event: unknown): boolean;
}

type Matcher = (value: unknown) => boolean;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parse(pattern: string | object): Record<string, unknown> {
  let parsed: unknown = pattern;
  if (typeof pattern === 'string') {
    try {
      parsed = JSON.parse(pattern);
    } catch {
      throw new InvalidEventPatternError('Filter is not valid JSON');
    }
  }
  if (!isObject(parsed)) throw new InvalidEventPatternError('Filter is not an object');
  return parsed;
}

function compileObject(pattern: Record<string, unknown>): Matcher {
  const fields = Object.entries(pattern).map(([key, sub]): Matcher => {
    if (isObject(sub)) {
      const inner = compileObject(sub);
      return (event) => isObject(event) && inner(event[key]);
    }
    if (!Array.isArray(sub))
      throw new InvalidEventPatternError(`Match value must be String, number, true, false, or null`);
    const values = sub;
    return (event) => {
      if (!isObject(event) || !(key in event)) return false;
      const v = event[key];
      const candidates = Array.isArray(v) ? v : [v];
      return candidates.some((c) => values.some((p) => p === c));
    };
  });
  return (event) => fields.every((f) => f(event));
}

export function compilePattern(pattern: string | object): CompiledPattern {
  const matcher = compileObject(parse(pattern));
  return { matches: (event) => matcher(event) };
}

export function validatePattern(pattern: string | object): void {
  compilePattern(pattern);
}
