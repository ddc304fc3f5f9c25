/** Lambda's `FunctionConfiguration`, the fields the offline mesh knows of each function it runs. */
export interface FunctionConfiguration {
  FunctionName: string;
  FunctionArn: string;
  Runtime?: string;
  Handler?: string;
  Role?: string;
  Description?: string;
  Timeout: number;
  MemorySize: number;
  Environment?: { Variables: Record<string, string> };
  Architectures: string[];
  PackageType: 'Zip';
  Version: '$LATEST';
  State: 'Active';
  LastUpdateStatus: 'Successful';
  LastModified: string;
  CodeSize: number;
}

/** Lambda's defaults when a template leaves them out. */
const DEFAULT_TIMEOUT_SECONDS = 3;
const DEFAULT_MEMORY_MB = 128;

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  // An intrinsic (`{ "Ref": … }`) is shown as written: its value exists only in a deployed stack.
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The `FunctionConfiguration` of one `AWS::Lambda::Function` of a packaged template, as `GetFunction` and
 * `ListFunctions` answer it. Environment values that are CloudFormation intrinsics are shown as their JSON.
 *
 * @example
 * functionConfigurationOf(template.Resources.LendBookLambdaFunction.Properties, { region: 'us-east-1', accountId: '000000000000' });
 * // → { FunctionName: 'loans-dev-lendBook', Runtime: 'nodejs22.x', Timeout: 6, … }
 */
export function functionConfigurationOf(
  properties: Record<string, unknown>,
  scope: { region: string; accountId: string },
  lastModified: Date = new Date(),
): FunctionConfiguration | undefined {
  const name = properties.FunctionName;
  if (typeof name !== 'string') return undefined;
  const variables = (properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables;
  const runtime = text(properties.Runtime);
  const handler = text(properties.Handler);
  const role = text(properties.Role);
  const description = text(properties.Description);
  return {
    FunctionName: name,
    FunctionArn: `arn:aws:lambda:${scope.region}:${scope.accountId}:function:${name}`,
    ...(runtime ? { Runtime: runtime } : {}),
    ...(handler ? { Handler: handler } : {}),
    ...(role ? { Role: role } : {}),
    ...(description ? { Description: description } : {}),
    Timeout: typeof properties.Timeout === 'number' ? properties.Timeout : DEFAULT_TIMEOUT_SECONDS,
    MemorySize: typeof properties.MemorySize === 'number' ? properties.MemorySize : DEFAULT_MEMORY_MB,
    ...(variables
      ? {
          Environment: { Variables: Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, text(v) ?? ''])) },
        }
      : {}),
    Architectures: Array.isArray(properties.Architectures) ? properties.Architectures.map(String) : ['x86_64'],
    PackageType: 'Zip',
    Version: '$LATEST',
    State: 'Active',
    LastUpdateStatus: 'Successful',
    // Lambda's own format: ISO 8601 with milliseconds and a +0000 offset.
    LastModified: lastModified.toISOString().replace('Z', '+0000'),
    CodeSize: 0,
  };
}
