import type { JsonObject } from './types';

/** A JSON object (not null, not an array): the only shape a pattern, or a pattern's nested field, may have. */
export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
