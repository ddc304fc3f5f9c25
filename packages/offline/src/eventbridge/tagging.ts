import { ValidationError } from './errors';
import { constraintError, type Input } from './validation';

/** AWS's limit of tags on one resource. */
export const MAX_TAGS_PER_RESOURCE = 50;

/**
 * The `Tags` list of a request (`[{ Key, Value }]`), checked against the model's constraints (keys 1–128
 * characters, values 0–256), or an empty list when absent.
 *
 * @example
 * tagListOf({ Tags: [{ Key: 'team', Value: 'mesh' }] }); // → [['team', 'mesh']]
 */
export function tagListOf(input: Input, required = false): Array<[string, string]> {
  const tags = input.Tags;
  if (tags === undefined || tags === null) {
    if (required) throw constraintError(tags, 'tags', 'Member must not be null');
    return [];
  }
  if (!Array.isArray(tags)) throw new ValidationError('Parameter Tags must be a list of tags.');
  return tags.map((tag: unknown, i) => {
    const { Key, Value } = (tag ?? {}) as { Key?: unknown; Value?: unknown };
    if (typeof Key !== 'string' || Key.length < 1 || Key.length > 128)
      throw constraintError(Key, `tags.${i + 1}.member.key`, 'Member must have length between 1 and 128');
    if (typeof Value !== 'string' || Value.length > 256)
      throw constraintError(Value, `tags.${i + 1}.member.value`, 'Member must have length less than or equal to 256');
    return [Key, Value];
  });
}

/** Adds (or replaces) tags, refusing to hold more than AWS's 50 per resource. */
export function applyTags(target: Map<string, string>, tags: ReadonlyArray<[string, string]>): void {
  const keys = new Set([...target.keys(), ...tags.map(([key]) => key)]);
  if (keys.size > MAX_TAGS_PER_RESOURCE)
    throw new ValidationError(`A resource can have at most ${MAX_TAGS_PER_RESOURCE} tags.`);
  for (const [key, value] of tags) target.set(key, value);
}
