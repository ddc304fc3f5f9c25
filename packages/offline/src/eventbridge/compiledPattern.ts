import { InvalidEventPatternApiError } from './errors';
import { compilePattern, InvalidEventPatternError } from './pattern';

/** Compiles an event pattern, or throws the API's `InvalidEventPatternException`. */
export function compileOrThrow(pattern: string): (event: unknown) => boolean {
  try {
    const compiled = compilePattern(pattern);
    return (event) => compiled.matches(event);
  } catch (error) {
    if (error instanceof InvalidEventPatternError) throw new InvalidEventPatternApiError(error.message);
    throw error;
  }
}

/** A pattern that throws on an odd event does not match it. */
export function safeMatch(matches: (event: unknown) => boolean, event: unknown): boolean {
  try {
    return matches(event);
  } catch {
    return false;
  }
}
