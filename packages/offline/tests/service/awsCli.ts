import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The AWS CLI on PATH, if any: CI installs it; a developer machine may not have it. */
function findAwsCli(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v aws'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export const awsCliPath = findAwsCli();

/** `it` when the AWS CLI is installed, else `it.skip` (with a warning once). */
export const itWithCli: jest.It = awsCliPath ? it : it.skip;
if (!awsCliPath) console.warn('Skipping AWS CLI tests: `aws` is not installed (CI installs it).');

/**
 * Runs `aws <args…> --output json` against `endpoint` with dummy credentials, isolated from any local AWS
 * config, and parses its JSON output.
 */
export async function awsCli(
  endpoint: string,
  args: readonly string[],
  options: { region?: string; accessKeyId?: string } = {},
): Promise<unknown> {
  const { stdout } = await run(awsCliPath!, [...args, '--endpoint-url', endpoint, '--output', 'json'], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      AWS_ACCESS_KEY_ID: options.accessKeyId ?? 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_DEFAULT_REGION: options.region ?? 'us-east-1',
      AWS_REGION: options.region ?? 'us-east-1',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_PAGER: '',
    },
    timeout: 60_000,
  });
  return stdout.trim() ? JSON.parse(stdout) : undefined;
}
