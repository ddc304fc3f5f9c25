/**
 * What one edit of a published schema does to the two sides of the bus.
 *
 * `backward`: a consumer on the new schema still accepts data written under the old one.
 * `forward`: a consumer still on the old schema accepts data written under the new one.
 * A published version may only take changes that keep both.
 */
export interface SchemaChange {
  /** Where, in the message: `data.total.amount`, `data.items[].sku`, `(root)`. */
  readonly path: string;
  readonly kind: ChangeKind;
  readonly backward: boolean;
  readonly forward: boolean;
  /** One line a human reads: `required, was optional`. */
  readonly detail: string;
}

export type ChangeKind =
  | 'field-added'
  | 'required-field-added'
  | 'field-removed'
  | 'field-renamed'
  | 'made-required'
  | 'made-optional'
  | 'type-narrowed'
  | 'type-widened'
  | 'type-changed'
  | 'enum-value-removed'
  | 'enum-value-added'
  | 'constraint-tightened'
  | 'constraint-loosened'
  | 'constraint-changed'
  | 'union-narrowed'
  | 'union-widened'
  | 'schema-changed';

/** How a whole set of changes leaves the contract. */
export type Compatibility = 'unchanged' | 'both' | 'backward' | 'forward' | 'breaking';

/**
 * Folds changes into one verdict: `both` (safe on a published version), `backward` or `forward` only, or
 * `breaking` (neither side can read the other's data).
 *
 * @example
 * classify(compareSchemas(snapshot, toJsonSchema(OrderPlaced))) // 'both' after adding an optional field
 */
export function classify(changes: readonly SchemaChange[]): Compatibility {
  if (changes.length === 0) return 'unchanged';
  const backward = changes.every((c) => c.backward);
  const forward = changes.every((c) => c.forward);
  if (backward && forward) return 'both';
  if (backward) return 'backward';
  if (forward) return 'forward';
  return 'breaking';
}

/** What a verdict means for the people on either side, for the gate's message. */
export function describeCompatibility(compatibility: Compatibility): string {
  switch (compatibility) {
    case 'unchanged':
      return 'unchanged';
    case 'both':
      return 'compatible both ways';
    case 'backward':
      return 'backward-only: consumers of the published schema would reject what is now published';
    case 'forward':
      return 'forward-only: the new schema rejects events published under the published one (retries, replays, DLQ redrives)';
    case 'breaking':
      return 'breaking: neither side can read the other';
  }
}
