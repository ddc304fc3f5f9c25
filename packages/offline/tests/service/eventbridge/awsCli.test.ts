import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { startEventBridge, type StartedEventBridge } from '../../../src/eventbridge';

const run = promisify(execFile);

/** The AWS CLI on PATH, if any: CI installs it; a developer machine may not have it. */
function findAwsCli(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v aws'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

const aws = findAwsCli();
if (!aws) console.warn('Skipping the AWS CLI test: `aws` is not installed (CI installs it).');
const itWithCli = aws ? it : it.skip;

let eventBridge: StartedEventBridge;

beforeAll(async () => {
  eventBridge = await startEventBridge();
});

afterAll(async () => {
  await eventBridge.stop();
});

/** Runs `aws events ...` against the emulator with dummy credentials, isolated from any local AWS config. */
async function awsEvents(...args: string[]): Promise<unknown> {
  const { stdout } = await run(aws!, ['events', ...args, '--endpoint-url', eventBridge.url, '--output', 'json'], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_REGION: 'us-east-1',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_PAGER: '',
    },
    timeout: 60_000,
  });
  return stdout.trim() ? JSON.parse(stdout) : undefined;
}

describe('the AWS CLI', () => {
  itWithCli('creates a rule and lists it with `aws events list-rules`', async () => {
    await awsEvents('put-rule', '--name', 'from-cli', '--event-pattern', '{"source":["mesh.cli"]}');
    const listed = (await awsEvents('list-rules')) as { Rules: Array<{ Name: string; Arn: string }> };
    expect(listed.Rules).toEqual([
      expect.objectContaining({ Name: 'from-cli', Arn: 'arn:aws:events:us-east-1:000000000000:rule/from-cli' }),
    ]);
  });

  itWithCli('surfaces AWS errors by code', async () => {
    await expect(awsEvents('describe-rule', '--name', 'missing')).rejects.toMatchObject({
      stderr: expect.stringContaining('ResourceNotFoundException'),
    });
  });
});
