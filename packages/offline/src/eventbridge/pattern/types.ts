/** A pattern compiled once, to be matched against many events. */
export interface CompiledPattern {
  /** Whether the event (the parsed JSON object: source, detail-type, detail, ...) matches the pattern. */
  matches(event: unknown): boolean;
}

/** A JSON leaf found in an event: what every operator is tested against. */
export type JsonLeaf = string | number | boolean | null;

/** Tests one leaf value of an event against one compiled operator (or a set of them). */
export type LeafMatcher = (value: JsonLeaf) => boolean;

/** Tests a whole event (from its root). */
export type EventMatcher = (event: object) => boolean;

export type JsonObject = Record<string, unknown>;
