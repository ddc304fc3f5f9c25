import { InvalidEventPatternError } from './errors';
import { isJsonObject } from './isJsonObject';
import type { JsonObject } from './types';

/**
 * Turns the pattern as given (raw JSON text, as PutRule / TestEventPattern receive it, or an already parsed object)
 * into a JSON object. Raw text is parsed with JSON.parse, so a duplicated key keeps its last value, which is how AWS
 * accepts such patterns.
 */
export function parsePattern(pattern: string | object): JsonObject {
  let parsed: unknown = pattern;
  if (typeof pattern === 'string') {
    try {
      parsed = JSON.parse(pattern);
    } catch (error) {
      throw new InvalidEventPatternError(`Filter is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (!isJsonObject(parsed)) throw new InvalidEventPatternError('Filter is not an object');
  return parsed;
}
