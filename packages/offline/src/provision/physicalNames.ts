/**
 * The name CloudFormation would generate for a resource created without one (`<stack>-<logicalId>-<random>`),
 * made deterministic — the same on every run — so that provisioning again finds the resource it made.
 *
 * @example
 * generatedName('loans-dev', 'JobsQueue', { maxLength: 80, suffix: '.fifo' }); // 'loans-dev-JobsQueue.fifo'
 */
export function generatedName(
  stackName: string,
  logicalId: string,
  { maxLength, suffix = '', lowerCase = false }: { maxLength: number; suffix?: string; lowerCase?: boolean },
): string {
  const name = `${stackName}-${logicalId}`.slice(0, maxLength - suffix.length) + suffix;
  return lowerCase ? name.toLowerCase() : name;
}
