import { InvalidEventPatternError } from '../errors';

/** The operand of `operator` must be a string (AWS rejects numbers, null, lists and objects there). */
export function expectString(operand: unknown, operator: string): string {
  if (typeof operand !== 'string') throw new InvalidEventPatternError(`${operator} match pattern must be a string`);
  return operand;
}

/**
 * The operand of an operator nested in anything-but: a string or a non-empty list of strings (AWS accepts lists
 * there, but not at the top level of prefix / suffix / equals-ignore-case / wildcard).
 */
export function expectStringOrStrings(operand: unknown, operator: string): string[] {
  if (typeof operand === 'string') return [operand];
  if (Array.isArray(operand) && operand.length > 0 && operand.every((item) => typeof item === 'string')) {
    return operand as string[];
  }
  throw new InvalidEventPatternError(
    `Value of ${operator} inside anything-but must be a string or an array of strings`,
  );
}
