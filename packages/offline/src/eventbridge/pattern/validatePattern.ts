import { compilePattern } from './compilePattern';

/**
 * Checks an event pattern as PutRule / TestEventPattern do, throwing the error AWS would report.
 *
 * @throws InvalidEventPatternError with AWS's reason when the pattern is rejected.
 * @example
 * ```ts
 * validatePattern({ source: ['mesh.loans'] }); // fine
 * validatePattern({ source: 'mesh.loans' }); // throws: Event pattern is not valid. Reason: "source" must be an object or an array
 * ```
 */
export function validatePattern(pattern: string | object): void {
  // Compiling is how a pattern is validated: the rules cannot drift apart.
  compilePattern(pattern);
}
