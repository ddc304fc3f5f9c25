// `mesh dlq`, `mesh peek` and `mesh redrive --group` on dead letters the way @mesh/bus writes them, against
// fauxqs behind an edge that serves the DLQ redrive APIs (as `npm run dev`'s does).
import { spawn } from 'node:child_process';
import path from 'node:path';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
  DeleteMessageCommand,
  type MessageAttributeValue,
} from '@aws-sdk/client-sqs';
import { DEAD_LETTER_ATTRIBUTES as A } from '@mesh/bus';
import {
  startEdge,
  startSqs,
  sqsWithMoveTasks,
  type SqsMoveTaskRoute,
  type StartedEdge,
  type StartedSqs,
} from '@mesh/offline';
import { runMeshCli, type OpsIo } from '../../../src/cli';

const STAGE = 'dlqtest';
const REPO_ROOT = path.resolve(__dirname, '../../../../..');
let sqs: StartedSqs;
let route: SqsMoveTaskRoute;
let edge: StartedEdge;
let client: SQSClient;

beforeAll(async () => {
  sqs = await startSqs();
  route = sqsWithMoveTasks(sqs.endpoint);
  edge = await startEdge({ port: 0, routes: { sqs: route.listener } });
  client = new SQSClient({
    endpoint: edge.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'emu', secretAccessKey: 'emu' },
  });
}, 60_000);

afterAll(async () => {
  client?.destroy();
  await route?.close();
  await edge?.stop();
  await sqs?.stop();
});

function captureIo(): OpsIo & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: { write: (text: string) => (out += text) },
    err: { write: (text: string) => (err += text), isTTY: false },
    env: {},
    stdout: () => out,
    stderr: () => err,
  };
}

const mesh = async (...args: string[]) => {
  const io = captureIo();
  const code = await runMeshCli([...args, '--stage', STAGE, '--endpoint', edge.url], io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
};

let counter = 0;
async function queuePair(name: string, fifo = false) {
  counter += 1;
  const suffix = fifo ? '.fifo' : '';
  const attributes: Record<string, string> = fifo ? { FifoQueue: 'true' } : {};
  const base = `svc-${STAGE}-${name}${counter}`;
  const dlqUrl = (
    await client.send(new CreateQueueCommand({ QueueName: `${base}-dlq${suffix}`, Attributes: attributes }))
  ).QueueUrl!;
  const dlqArn = (await client.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] })))
    .Attributes!.QueueArn!;
  const sourceUrl = (
    await client.send(
      new CreateQueueCommand({
        QueueName: `${base}${suffix}`,
        Attributes: {
          ...attributes,
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 5 }),
        },
      }),
    )
  ).QueueUrl!;
  return { dlq: `${base}-dlq${suffix}`, dlqUrl, sourceUrl };
}

const text = (StringValue: string): MessageAttributeValue => ({ DataType: 'String', StringValue });
const deadLetter = (eventId: string, reason: string, failedAt: string) => ({
  MessageBody: JSON.stringify({
    'detail-type': 'BookLent',
    source: 'mesh.loans',
    detail: { eventId, correlationId: `cor-${eventId}`, version: 1, data: {} },
  }),
  MessageAttributes: {
    [A.failureKind]: text('permanent'),
    [A.reason]: text(reason),
    [A.consumer]: text('members-loan-events'),
    [A.observer]: text('onBookLent'),
    [A.failedAt]: text(failedAt),
    [A.receiveCount]: { DataType: 'Number', StringValue: '1' },
  },
});

async function receiveAll(url: string, count: number) {
  const bodies: string[] = [];
  while (bodies.length < count) {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 2 }),
    );
    for (const m of Messages) {
      bodies.push(m.Body!);
      await client.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }));
    }
  }
  return bodies;
}

it('summarises dead letters by reason with count, oldest, newest and sample ids, and peek shows each reason', async () => {
  const { dlq, dlqUrl } = await queuePair('loans');
  const broken = 'ContractViolationError: BookLent violates its contract: data.books: Too small';
  const letters = [
    deadLetter('e-1', broken, '2026-12-07T10:00:00.000Z'),
    deadLetter('e-2', broken, '2026-12-07T10:05:00.000Z'),
    deadLetter('e-3', 'PermanentError: member m-1 is suspended', '2026-12-07T10:01:00.000Z'),
  ];
  for (const letter of letters) await client.send(new SendMessageCommand({ QueueUrl: dlqUrl, ...letter }));
  await client.send(new SendMessageCommand({ QueueUrl: dlqUrl, MessageBody: 'moved by SQS itself' }));

  const summary = await mesh('dlq', dlq, '--json');
  expect(summary.code).toBe(0);
  const groups = JSON.parse(summary.stdout) as { reason: string; count: number; samples: string[] }[];
  expect(groups).toEqual([
    {
      queue: dlq,
      kind: 'permanent',
      reason: broken,
      count: 2,
      oldest: '2026-12-07T10:00:00.000Z',
      newest: '2026-12-07T10:05:00.000Z',
      samples: expect.arrayContaining(['e-1', 'e-2']),
    },
    // Equal counts: by reason.
    expect.objectContaining({ kind: 'unknown', reason: expect.stringMatching(/^\(no reason recorded/), count: 1 }),
    expect.objectContaining({ kind: 'permanent', reason: 'PermanentError: member m-1 is suspended', count: 1 }),
  ]);

  const all = await mesh('dlq');
  expect(all.stdout).toContain(dlq);
  expect(all.stdout).toMatch(/permanent .*e-[12]/);

  const peeked = await mesh('peek', dlq, '--max', '10');
  expect(peeked.stdout).toContain(
    'dead letter: permanent by members-loan-events/onBookLent on receive 1 at 2026-12-07T10:05:00.000Z: ' + broken,
  );
}, 60_000);

it('redrives one FIFO message group only, in order, leaving the others in the DLQ', async () => {
  const { dlq, dlqUrl, sourceUrl } = await queuePair('commands', true);
  for (const [group, n] of [
    ['loan-1', 1],
    ['loan-2', 1],
    ['loan-1', 2],
    ['loan-1', 3],
    ['loan-2', 2],
  ] as const) {
    await client.send(
      new SendMessageCommand({
        QueueUrl: dlqUrl,
        MessageBody: `${group}#${n}`,
        MessageGroupId: group,
        MessageDeduplicationId: `${group}-${n}`,
      }),
    );
  }

  const result = await mesh('redrive', dlq, '--group', 'loan-1');

  expect(result.code).toBe(0);
  expect(result.stdout).toContain(`moved 3 of 3 from ${dlq}`);
  expect(await receiveAll(sourceUrl, 3)).toEqual(['loan-1#1', 'loan-1#2', 'loan-1#3']);
  expect(await receiveAll(dlqUrl, 2)).toEqual(['loan-2#1', 'loan-2#2']);
}, 60_000);

it('cancels its move task on Ctrl-C and says how many it moved', async () => {
  const { dlq, dlqUrl } = await queuePair('slow');
  for (let i = 0; i < 20; i++) await client.send(new SendMessageCommand({ QueueUrl: dlqUrl, MessageBody: `m-${i}` }));

  // tsx itself, not npx: it hands the signal on to the script, as a terminal's Ctrl-C reaches `npm run mesh`.
  const child = spawn(
    path.join(REPO_ROOT, 'node_modules/.bin/tsx'),
    ['scripts/mesh.ts', 'redrive', dlq, '--rate', '1', '--stage', STAGE, '--endpoint', edge.url],
    { cwd: REPO_ROOT },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // Interrupt once the task is under way (its first progress line), as an operator would.
  await new Promise<void>((resolve) =>
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (/moved [1-9]\d* of 20/.test(stderr)) resolve();
    }),
  );
  child.kill('SIGINT');

  expect(await exited).toBe(1);
  expect(stdout).toMatch(new RegExp(`moved \\d+ of 20 from ${dlq} to .* \\(CANCELLED on request\\)`));
  const left = Number(
    (
      await client.send(
        new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
      )
    ).Attributes!.ApproximateNumberOfMessages,
  );
  expect(left).toBeGreaterThan(0);
  expect(left).toBeLessThan(20);
}, 90_000);
