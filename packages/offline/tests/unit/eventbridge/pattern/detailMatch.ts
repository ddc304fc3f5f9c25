import { compilePattern } from '../../../../src/eventbridge/pattern';

/** Whether `detail.<field>` holding `value` matches the given list of match values for that field. */
export function fieldMatches(list: unknown[], value: unknown): boolean {
  return compilePattern({ detail: { field: list } }).matches({ source: 'test', detail: { field: value } });
}

/** Whether an event whose detail lacks the field matches the given list. */
export function missingFieldMatches(list: unknown[]): boolean {
  return compilePattern({ detail: { field: list } }).matches({ source: 'test', detail: { other: 1 } });
}
