import { InvalidEventPatternError } from '../errors';

export const EXISTS = 'exists';

/**
 * `{"exists": true}` / `{"exists": false}`: whether the field must hold at least one leaf value (a string, number,
 * boolean or null, possibly inside an array) or none. An object or an empty array is not a leaf, so a field holding
 * only those "does not exist" for EventBridge.
 */
export function compileExists(operand: unknown): boolean {
  if (typeof operand !== 'boolean')
    throw new InvalidEventPatternError('exists match pattern must be either true or false.');
  return operand;
}
