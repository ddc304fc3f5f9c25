import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { peekMessages, PeekRefusedError, queueDepths, runMeshCli, type OpsIo } from '../../../src/cli';
import { startEmulators, type StartedEmulators } from '@mesh/offline';

// A dead letter's body as a neutral domain's subscriber would have received it: peek reads any event envelope.
const LOAN = { loanId: 'loan-01J9Z6', memberId: 'mem-42', books: [{ isbn: '978-0-14-044', copies: 2 }] };

const run = promisify(execFile);
const REPO_ROOT = path.resolve(__dirname, '../../../../..');
const STAGE = 'opstest';
const credentials = { accessKeyId: 'emu', secretAccessKey: 'emu' };

function captureIo(env: NodeJS.ProcessEnv = {}): OpsIo & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: { write: (text: string) => (out += text) },
    err: { write: (text: string) => (err += text), isTTY: false },
    env,
    stdout: () => out,
    stderr: () => err,
  };
}

/** Runs the real script, as an operator would; resolves with its exit code and output. */
async function meshProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'scripts/mesh.ts', ...args], { cwd: REPO_ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const eventBody = (i: number) =>
  JSON.stringify({
    version: '0',
    id: `aws-${i}`,
    'detail-type': 'BookLent',
    source: 'mesh.loans',
    detail: { eventId: `evt-${i}`, correlationId: `cor-${i}`, version: 1, data: LOAN },
  });

describe('mesh CLI (npm run mesh) against the offline emulators', () => {
  let emulators: StartedEmulators;
  let sqs: SQSClient;
  let sourceUrl: string;
  let dlqUrl: string;

  const visible = async (url: string) => {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    return Number(Attributes?.ApproximateNumberOfMessages);
  };

  beforeAll(async () => {
    emulators = await startEmulators({ edgePort: 0 });
    const config = { endpoint: emulators.edgeUrl, region: 'us-east-1', credentials };
    sqs = new SQSClient(config);
    dlqUrl = (await sqs.send(new CreateQueueCommand({ QueueName: `loans-${STAGE}-loan-saga-dlq` }))).QueueUrl!;
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }),
    );
    sourceUrl = (
      await sqs.send(
        new CreateQueueCommand({
          QueueName: `loans-${STAGE}-loan-saga`,
          Attributes: {
            RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes!.QueueArn, maxReceiveCount: 3 }),
          },
        }),
      )
    ).QueueUrl!;
    // 12 dead letters: more than one batch of 10.
    for (const start of [0, 10]) {
      await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: dlqUrl,
          Entries: Array.from({ length: start === 0 ? 10 : 2 }, (_, j) => ({
            Id: String(j),
            MessageBody: eventBody(start + j),
            MessageAttributes: {
              ERROR_CODE: { DataType: 'String', StringValue: 'SQS.Failure' },
              ERROR_MESSAGE: { DataType: 'String', StringValue: 'handler threw' },
            },
          })),
        }),
      );
    }
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: sourceUrl,
        Entries: [0, 1].map((j) => ({ Id: String(j), MessageBody: `{"n":${j}}` })),
      }),
    );
  }, 120_000);
  afterAll(async () => {
    sqs?.destroy();
    await emulators?.stop();
  });

  it("lists the stage's queues with their depths and their DLQ's depth", async () => {
    const rows = await queueDepths(sqs, STAGE);
    expect(rows.map((r) => r.name)).toEqual([`loans-${STAGE}-loan-saga`, `loans-${STAGE}-loan-saga-dlq`]);
    expect(rows[0]).toMatchObject({
      visible: 2,
      inFlight: 0,
      dlq: { name: `loans-${STAGE}-loan-saga-dlq`, depth: 12 },
    });
    expect(rows[1]).toMatchObject({ visible: 12 });
  });

  it('prints the queues as JSON from a real process, exit 0', async () => {
    const result = await meshProcess(['queues', '--stage', STAGE, '--endpoint', emulators.edgeUrl, '--json']);
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as { name: string; visible: number }[];
    expect(rows.find((r) => r.name.endsWith('-dlq'))?.visible).toBe(12);
  }, 60_000);

  it('peeks at messages with their event ids and failure attributes, and leaves them in place', async () => {
    const messages = await peekMessages(sqs, dlqUrl, { max: 5 });
    expect(messages).toHaveLength(5);
    expect(new Set(messages.map((m) => m.messageId)).size).toBe(5);
    expect(messages[0]).toMatchObject({
      summary: { kind: 'event', name: 'BookLent', source: 'mesh.loans' },
      failure: { ERROR_CODE: 'SQS.Failure', ERROR_MESSAGE: 'handler threw' },
    });
    expect(messages[0]!.summary?.id).toMatch(/^evt-/);
    expect(await visible(dlqUrl)).toBe(12);
  });

  it('refuses to peek a queue with a redrive policy unless forced', async () => {
    await expect(peekMessages(sqs, sourceUrl)).rejects.toBeInstanceOf(PeekRefusedError);
    expect(await peekMessages(sqs, sourceUrl, { force: true })).toHaveLength(2);
    expect(await visible(sourceUrl)).toBe(2);
  });

  it('redrives every message of the DLQ back to its source queue and leaves the DLQ empty', async () => {
    const io = captureIo();
    const code = await runMeshCli(
      ['redrive', `loans-${STAGE}-loan-saga-dlq`, '--stage', STAGE, '--endpoint', emulators.edgeUrl],
      io,
    );
    // SQS's own move task did it (StartMessageMoveTask), and it lists as COMPLETED with every message moved.
    expect(io.stderr()).toContain(`Moving messages from loans-${STAGE}-loan-saga-dlq to loans-${STAGE}-loan-saga`);
    expect(io.stderr()).toContain('moved 12 of 12');
    expect(io.stdout()).toContain(`moved 12 of 12 from loans-${STAGE}-loan-saga-dlq to loans-${STAGE}-loan-saga`);
    const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] })))
      .Attributes!.QueueArn!;
    const { Results } = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlqArn }));
    expect(Results?.[0]).toMatchObject({ Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 12 });
    expect(code).toBe(0);
    expect(await visible(dlqUrl)).toBe(0);
    expect(await visible(sourceUrl)).toBe(14);
    const moved = await peekMessages(sqs, sourceUrl, { force: true, max: 20 });
    expect(moved.filter((m) => m.failure?.ERROR_CODE === 'SQS.Failure')).toHaveLength(12);
  });

  it('says the endpoint is unreachable and how to start the mesh, exit 1', async () => {
    const io = captureIo();
    expect(await runMeshCli(['queues', '--endpoint', 'http://127.0.0.1:1'], io)).toBe(1);
    expect(io.stderr()).toContain('cannot reach http://127.0.0.1:1');
    expect(io.stderr()).toContain('npm run dev');
  });

  it('exits 2 with the usage on an unknown command', async () => {
    const result = await meshProcess(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command "frobnicate"');
    expect(result.stderr).toContain('Usage: npm run mesh');
  }, 60_000);

  it('exits 2 when a required argument is missing', async () => {
    const io = captureIo();
    expect(await runMeshCli(['peek'], io)).toBe(2);
    expect(io.stderr()).toContain('missing <queue>');
  });
});
