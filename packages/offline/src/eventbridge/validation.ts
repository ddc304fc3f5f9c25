import { ValidationError } from './errors';

/** Request parameters arrive as parsed JSON: anything may be anywhere. */
export type Input = Record<string, unknown>;

interface StringConstraints {
  min?: number;
  max?: number;
  pattern?: RegExp;
}

/** Name constraints from the API reference, in AWS's own notation (quoted back in error messages). */
const NAME = String.raw`[\.\-_A-Za-z0-9]+`;
const BUS_NAME = String.raw`[/\.\-_A-Za-z0-9]+`;
const anchored = (pattern: string) => new RegExp(`^${pattern}$`);
export const NAME_PATTERNS = {
  eventBus: anchored(BUS_NAME),
  rule: anchored(NAME),
  targetId: anchored(NAME),
  archive: anchored(NAME),
  replay: anchored(NAME),
  connection: anchored(NAME),
  apiDestination: anchored(NAME),
} as const;

/** AWS's wording for a field that fails its model constraint. */
export function constraintError(value: unknown, wireName: string, constraint: string): ValidationError {
  const shown = value === undefined || value === null ? 'null' : `'${String(value)}'`;
  return new ValidationError(
    `1 validation error detected: Value ${shown} at '${wireName}' failed to satisfy constraint: ${constraint}`,
  );
}

function check(value: string, wireName: string, constraints: StringConstraints): string {
  if (constraints.min !== undefined && value.length < constraints.min)
    throw constraintError(value, wireName, `Member must have length greater than or equal to ${constraints.min}`);
  if (constraints.max !== undefined && value.length > constraints.max)
    throw constraintError(value, wireName, `Member must have length less than or equal to ${constraints.max}`);
  if (constraints.pattern && !constraints.pattern.test(value))
    throw constraintError(
      value,
      wireName,
      `Member must satisfy regular expression pattern: ${constraints.pattern.source.slice(1, -1)}`,
    );
  return value;
}

/** `input[field]` as a string meeting `constraints`, or a ValidationException. */
export function requiredString(input: Input, field: string, constraints: StringConstraints = {}): string {
  const value = input[field];
  const wireName = lowerFirst(field);
  if (value === undefined || value === null) throw constraintError(value, wireName, 'Member must not be null');
  if (typeof value !== 'string') throw new ValidationError(`Parameter ${field} must be a string.`);
  return check(value, wireName, { min: 1, ...constraints });
}

export function optionalString(input: Input, field: string, constraints: StringConstraints = {}): string | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ValidationError(`Parameter ${field} must be a string.`);
  return check(value, lowerFirst(field), constraints);
}

export function optionalNumber(input: Input, field: string): number | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new ValidationError(`Parameter ${field} must be a number.`);
  return value;
}

export function optionalBoolean(input: Input, field: string): boolean | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new ValidationError(`Parameter ${field} must be a boolean.`);
  return value;
}

export function requiredArray(input: Input, field: string, min: number, max: number): unknown[] {
  const value = input[field];
  const wireName = lowerFirst(field);
  if (value === undefined || value === null) throw constraintError(value, wireName, 'Member must not be null');
  if (!Array.isArray(value)) throw new ValidationError(`Parameter ${field} must be a list.`);
  if (value.length < min)
    throw constraintError(
      `[${value.length} items]`,
      wireName,
      `Member must have length greater than or equal to ${min}`,
    );
  if (value.length > max)
    throw constraintError(`[${value.length} items]`, wireName, `Member must have length less than or equal to ${max}`);
  return value;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Timestamps arrive as epoch seconds (the SDKs) or, from hand-written clients, as ISO text. */
export function optionalTimestamp(input: Input, field: string): Date | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  const date = typeof value === 'number' ? new Date(value * 1000) : typeof value === 'string' ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) throw new ValidationError(`Parameter ${field} is not a valid timestamp.`);
  return date;
}

const lowerFirst = (field: string) => field.charAt(0).toLowerCase() + field.slice(1);

/** ListArchives and ListReplays take one filter at most, as AWS documents ("filter parameters are exclusive"). */
export function oneFilterAtMost(input: Input, operation: string): void {
  const filters = ['NamePrefix', 'EventSourceArn', 'State'].filter((f) => input[f] !== undefined && input[f] !== null);
  if (filters.length > 1)
    throw new ValidationError(
      `At most one filter is allowed for ${operation}. Use either : State, EventSourceArn, or NamePrefix.`,
    );
}

/** A `State` filter must be one of the operation's states. */
export function stateFilter(input: Input, states: readonly string[]): string | undefined {
  const value = optionalString(input, 'State');
  if (value !== undefined && !states.includes(value))
    throw constraintError(value, 'state', `Member must satisfy enum value set: [${states.join(', ')}]`);
  return value;
}
