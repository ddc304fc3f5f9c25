/**
 * A string compared without regard to case, prepared once so that a comparison does not allocate: each pattern
 * character is kept in its lower and upper form, and an event character matches when it equals either. Characters
 * beyond ASCII fall back to `toLowerCase` on that one character (rare, and still correct for e.g. "É"/"é").
 */
export interface CaseInsensitiveText {
  readonly length: number;
  readonly lower: string;
  readonly lowerCodes: Uint16Array;
  readonly upperCodes: Uint16Array;
}

export function caseInsensitiveText(text: string): CaseInsensitiveText {
  const lowerCodes = new Uint16Array(text.length);
  const upperCodes = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    const lower = char.toLowerCase();
    const upper = char.toUpperCase();
    // A character whose case mapping changes length (e.g. "ß" → "SS") keeps its own code for that form.
    lowerCodes[i] = lower.length === 1 ? lower.charCodeAt(0) : char.charCodeAt(0);
    upperCodes[i] = upper.length === 1 ? upper.charCodeAt(0) : char.charCodeAt(0);
  }
  return { length: text.length, lower: text.toLowerCase(), lowerCodes, upperCodes };
}

/** Whether `value`, from index `start`, holds `text` in any casing (the rest of `value` is not looked at). */
export function matchesIgnoringCaseAt(value: string, start: number, text: CaseInsensitiveText): boolean {
  if (start < 0 || start + text.length > value.length) return false;
  for (let i = 0; i < text.length; i++) {
    const code = value.charCodeAt(start + i);
    if (code === text.lowerCodes[i] || code === text.upperCodes[i]) continue;
    if (code < 128) return false;
    if (
      value
        .charAt(start + i)
        .toLowerCase()
        .charCodeAt(0) !== text.lowerCodes[i]
    )
      return false;
  }
  return true;
}
