// mesh tail / trace / replay against the real emulators (the edge, our EventBridge, fauxqs, the hop recorder),
// in-process through runMeshCli and as a real process for Ctrl-C.
import { spawn } from 'node:child_process';
import path from 'node:path';
import {
  CreateArchiveCommand,
  CreateEventBusCommand,
  EventBridgeClient,
  ListRulesCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { events as eventContracts } from '@mesh/contracts';
import { replayArchive, runMeshCli, type OpsIo, type Trace } from '../../../src/cli';
import {
  createSqsPoller,
  lambdaInvoker,
  startBusBehindEdge,
  type BusBehindEdge,
  type ClosableLambdaInvoker,
  type SqsPoller,
} from '@mesh/offline';
import { freePort } from '@mesh/offline';

import { eventually, startLambdaInvokeStub, type LambdaInvokeStub } from '@mesh/testing';

// `mesh tail` follows the sources of the mesh's own contracts by default: one of them, whichever it is.
const sample = eventContracts[0]!;

const REPO_ROOT = path.resolve(__dirname, '../../../../..');
const STAGE = 'tracetest';
const BUS = `mesh-${STAGE}`;
const credentials = { accessKeyId: 'emu', secretAccessKey: 'emu' };

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

let emulators: BusBehindEdge;
let events: EventBridgeClient;
let sqs: SQSClient;
let stub: LambdaInvokeStub;
let invoke: ClosableLambdaInvoker;
let poller: SqsPoller;
let counter = 0;

const mesh = async (args: string[]) => {
  const io = captureIo();
  const code = await runMeshCli([...args, '--stage', STAGE, '--endpoint', emulators.edgeUrl], io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
};

async function createQueue(name: string): Promise<{ url: string; arn: string }> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  return { url: QueueUrl!, arn: Attributes!.QueueArn! };
}

async function route(detailType: string): Promise<{ url: string; arn: string; rule: string }> {
  counter += 1;
  const name = `trace-${process.pid}-${counter}`;
  const queue = await createQueue(name);
  await events.send(
    new PutRuleCommand({
      Name: name,
      EventBusName: BUS,
      EventPattern: JSON.stringify({ 'detail-type': [detailType] }),
    }),
  );
  await events.send(new PutTargetsCommand({ Rule: name, EventBusName: BUS, Targets: [{ Id: 'q', Arn: queue.arn }] }));
  return { ...queue, rule: name };
}

async function put(detailType: string, correlationId: string, eventId: string, source = 'mesh.loans') {
  const detail = {
    eventId,
    version: 1,
    occurredAt: new Date().toISOString(),
    correlationId,
    causationId: correlationId,
  };
  const { FailedEntryCount } = await events.send(
    new PutEventsCommand({
      Entries: [
        { EventBusName: BUS, Source: source, DetailType: detailType, Detail: JSON.stringify({ ...detail, data: {} }) },
      ],
    }),
  );
  expect(FailedEntryCount).toBe(0);
}

async function receiveAll(url: string, count: number, timeoutMs = 10_000): Promise<Record<string, unknown>[]> {
  const bodies: Record<string, unknown>[] = [];
  const deadline = Date.now() + timeoutMs;
  while (bodies.length < count && Date.now() < deadline) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    for (const message of Messages) {
      bodies.push(JSON.parse(message.Body!) as Record<string, unknown>);
      await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle }));
    }
  }
  return bodies;
}

const tailLeftovers = async () => {
  const { Rules = [] } = await events.send(new ListRulesCommand({ EventBusName: BUS, NamePrefix: 'mesh-tail-' }));
  const { QueueUrls = [] } = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'mesh-tail-' }));
  return { rules: Rules.map((r) => r.Name), queues: QueueUrls };
};

beforeAll(async () => {
  // One after the other: a stub left unassigned by a failed start would keep jest alive.
  stub = await startLambdaInvokeStub();
  emulators = await startBusBehindEdge();
  const config = { endpoint: emulators.edgeUrl, region: 'us-east-1', credentials };
  events = new EventBridgeClient(config);
  sqs = new SQSClient(config);
  invoke = lambdaInvoker(stub.endpoint);
  await events.send(new CreateEventBusCommand({ Name: BUS }));
}, 120_000);

afterAll(async () => {
  await poller?.stop();
  invoke?.close();
  events?.destroy();
  sqs?.destroy();
  await stub?.stop();
  await emulators?.stop();
});

describe('mesh trace', () => {
  beforeAll(async () => {
    const queue = await route('Traced');
    poller = createSqsPoller({
      spec: {
        functionLogicalId: 'Fn',
        functionName: 'loans-tracetest-onTraced',
        kind: 'sqs',
        sourceArn: queue.arn,
        queueUrl: queue.url,
        batchSize: 10,
        maximumBatchingWindowSeconds: 0,
        reportBatchItemFailures: true,
        enabled: true,
      },
      sqs,
      invoke,
      waitTimeSeconds: 1,
      logger: { warn: () => {}, error: () => {} },
      hops: emulators.hops,
      service: 'loans',
    });
    await poller.start();
    await put('Traced', 'cor-trace', 'evt-trace');
    await eventually(() => emulators.hops.query({ correlationId: 'cor-trace', kind: 'handled' }).length === 1);
  });

  it('prints every hop of a correlation id in time order, with where, durations and the time spent', async () => {
    const { code, stdout, stderr } = await mesh(['trace', 'cor-trace']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^correlation id cor-trace: 5 hop\(s\) over \d+ ms$/);
    const hopLines = lines.slice(3, 8);
    expect(hopLines.map((line) => line.trim().split(/\s+/)[1])).toEqual([
      'published',
      'matched',
      'delivered',
      'received',
      'handled',
    ]);
    expect(hopLines[0]).toMatch(/^\s*\+0\s+published\s+Traced\s+mesh-tracetest$/);
    expect(hopLines[4]).toMatch(/handled\s+Traced\s+trace-\S+ → loans-tracetest-onTraced \(loans\)\s+\d+$/);
    expect(lines).toContain('Time spent');
    expect(stdout).toMatch(/\nbus\s+rule trace-\S+ → trace-\S+\s+1\s+\d+\s+\d+\n/);
    expect(stdout).toMatch(/\nhandler\s+loans-tracetest-onTraced\s+1\s+\d+\s+\d+/);
  });

  it('prints the trace as JSON with --json', async () => {
    const { code, stdout } = await mesh(['trace', 'cor-trace', '--json']);
    expect(code).toBe(0);
    const trace = JSON.parse(stdout) as Trace;
    expect(trace.hops.map((hop) => hop.kind)).toEqual(['published', 'matched', 'delivered', 'received', 'handled']);
    expect(trace.hops).toEqual(emulators.hops.query({ correlationId: 'cor-trace' }));
    expect(trace.timeSpent.map((row) => row.phase)).toEqual(['bus', 'queue', 'handler']);
    expect(trace.spanMs).toBe(trace.hops[4]!.at - trace.hops[0]!.at);
  });

  it('exits 1 with a clear message for an unknown correlation id', async () => {
    const { code, stdout, stderr } = await mesh(['trace', 'cor-never-seen']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^mesh trace: no hop recorded for correlation id "cor-never-seen" at http:\/\/127\.0\.0\.1:\d+/,
    );
  });

  it('exits 1 on --aws, pointing at X-Ray and printing the Logs Insights query', async () => {
    const io = captureIo();
    const code = await runMeshCli(['trace', 'cor-trace', '--aws', '--region', 'eu-west-1', '--stage', 'prod'], io);
    expect(code).toBe(1);
    expect(io.stderr()).toMatch(/offline mesh only; on AWS, follow the correlation id in the X-Ray trace map/);
    expect(io.stderr()).toContain('/aws/lambda/*-prod-*');
    expect(io.stdout()).toContain('| filter correlationId = "cor-trace"');
  });

  it('exits 1 when the endpoint does not answer', async () => {
    const io = captureIo();
    const closed = `http://127.0.0.1:${await freePort()}`;
    const code = await runMeshCli(['trace', 'cor-trace', '--endpoint', closed], io);
    expect(code).toBe(1);
    expect(io.stderr()).toContain(`mesh trace: cannot reach ${closed} (ECONNREFUSED). Is the mesh running?`);
  });

  it('exits 2 without a correlation id', async () => {
    const { code, stderr } = await mesh(['trace']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^mesh trace: missing <correlationId>/);
  });
});

describe('mesh tail', () => {
  it('prints the events matching the pattern, one JSON per line, then deletes its rule and queue', async () => {
    const tail = mesh(['tail', '--pattern', '{"detail-type":["Tailed"]}', '--max', '2', '--json']);
    await eventually(async () => (await tailLeftovers()).rules.length === 1);
    await put('NotTailed', 'cor-other', 'evt-other');
    await put('Tailed', 'cor-tail-1', 'evt-tail-1');
    await put('Tailed', 'cor-tail-2', 'evt-tail-2');
    const { code, stdout, stderr } = await tail;
    expect(code).toBe(0);
    expect(stderr).toMatch(
      /^Following mesh-tracetest through mesh-tail-[0-9a-f]{12} with \{"detail-type":\["Tailed"\]\}/,
    );
    const tailed = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { 'detail-type': string; detail: { correlationId: string } });
    expect(tailed.map((event) => event['detail-type'])).toEqual(['Tailed', 'Tailed']);
    expect(tailed.map((event) => event.detail.correlationId).sort()).toEqual(['cor-tail-1', 'cor-tail-2']);
    expect(await tailLeftovers()).toEqual({ rules: [], queues: [] });
  });

  it("follows every event of the mesh's sources by default, one line each", async () => {
    const tail = mesh(['tail', '--max', '1']);
    await eventually(async () => (await tailLeftovers()).rules.length === 1);
    await put('Foreign', 'cor-foreign', 'evt-foreign', 'acme.billing');
    await put(sample.name, 'cor-default', 'evt-default', sample.source);
    const { code, stdout } = await tail;
    expect(code).toBe(0);
    expect(
      stdout
        .trim()
        .split(/\s{2,}/)
        .slice(1),
    ).toEqual([sample.name, sample.source, 'cor-default', 'evt-default']);
    expect(await tailLeftovers()).toEqual({ rules: [], queues: [] });
  });

  it('exits 2 with the reason for an invalid pattern, creating nothing', async () => {
    const { code, stderr } = await mesh(['tail', '--pattern', '{"source":"mesh.loans"}']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^mesh tail: --pattern is not a valid event pattern: /);
    expect(await tailLeftovers()).toEqual({ rules: [], queues: [] });
  });

  it('exits 1 for a bus that does not exist, creating nothing', async () => {
    const { code, stderr } = await mesh(['tail', '--bus', 'no-such-bus']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^mesh tail: ResourceNotFoundException: /);
    expect(await tailLeftovers()).toEqual({ rules: [], queues: [] });
  });

  it('stops on Ctrl-C as a real process and deletes its rule and queue', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/mesh.ts', 'tail', '--stage', STAGE, '--endpoint', emulators.edgeUrl],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await eventually(() => stderr.includes('Ctrl-C stops'), 60_000);
      await put(sample.name, 'cor-sigint', 'evt-sigint', sample.source);
      await eventually(() => stdout.includes('cor-sigint'));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
    expect(stderr).toMatch(/1 event\(s\); the temporary rule and queue are deleted/);
    expect(await tailLeftovers()).toEqual({ rules: [], queues: [] });
  });
});

describe('mesh replay', () => {
  const archive = `mesh-${STAGE}-all`;
  let first: { url: string; rule: string };
  let second: { url: string; rule: string };

  beforeAll(async () => {
    await events.send(
      new CreateArchiveCommand({
        ArchiveName: archive,
        EventSourceArn: `arn:aws:events:us-east-1:000000000000:event-bus/${BUS}`,
      }),
    );
    first = await route('Replayed');
    second = await route('Replayed');
    await put('Replayed', 'cor-replay', 'evt-replay-1');
    await put('Replayed', 'cor-replay', 'evt-replay-2');
    // The original deliveries, out of the way.
    expect(await receiveAll(first.url, 2)).toHaveLength(2);
    expect(await receiveAll(second.url, 2)).toHaveLength(2);
  });

  it("replays the window of the stage's archive to every rule, with progress, exit 0", async () => {
    const { code, stdout, stderr } = await mesh(['replay', '--from', '5m']);
    expect(code).toBe(0);
    expect(stderr).toMatch(
      new RegExp(`^Replay mesh-replay-\\S+ of ${archive} from \\S+ to \\S+ to every rule of its bus started`),
    );
    expect(stderr).toMatch(/\nseconds replayed 300 of 300\n$/);
    expect(stdout).toMatch(/^replay mesh-replay-\d{8}T\d{6}-[0-9a-f]{6} COMPLETED in \d+ ms\n$/);
    for (const queue of [first, second]) {
      const replayed = await receiveAll(queue.url, 2);
      expect(replayed.map((event) => (event.detail as { eventId: string }).eventId).sort()).toEqual([
        'evt-replay-1',
        'evt-replay-2',
      ]);
      expect(replayed.every((event) => typeof event['replay-name'] === 'string')).toBe(true);
    }
  });

  it('replays to the --rule rules only (FilterArns), found by a unique part of the name, and reports as JSON', async () => {
    // A part of the name only that rule has is enough (CloudFormation generates rule names).
    const part = second.rule.slice('trace-'.length);
    const { code, stdout } = await mesh(['replay', '--from', '5m', '--to', 'now', '--rule', `${part}`, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      state: 'COMPLETED',
      archive,
      eventBusName: BUS,
      rules: [second.rule],
      cancelledByUs: false,
    });
    expect(await receiveAll(second.url, 2)).toHaveLength(2);
    // The replay COMPLETED after routing every event; its deliveries to the queue take milliseconds.
    expect(await receiveAll(first.url, 1, 2_000)).toHaveLength(0);
  });

  it('cancels the replay when aborted (Ctrl-C)', async () => {
    const many = Array.from({ length: 300 }, (_, i) => i);
    for (let i = 0; i < many.length; i += 10) {
      await events.send(
        new PutEventsCommand({
          Entries: many.slice(i, i + 10).map((n) => ({
            EventBusName: BUS,
            Source: 'mesh.loans',
            DetailType: 'Unrouted',
            Detail: JSON.stringify({ eventId: `evt-many-${n}`, correlationId: 'cor-many' }),
          })),
        }),
      );
    }
    const aborted = new AbortController();
    aborted.abort();
    const outcome = await replayArchive(events, {
      archive,
      from: new Date(Date.now() - 300_000),
      to: new Date(),
      signal: aborted.signal,
      pollMs: 20,
    });
    expect(outcome).toMatchObject({ state: 'CANCELLED', cancelledByUs: true });
  });

  it.each([
    [['replay'], /^mesh replay: replay needs --from/],
    [['replay', '--from', 'yesterday'], /^mesh replay: --from must be now, an ISO-8601 date-time/],
    [['replay', '--from', '1h', '--to', '2h'], /^mesh replay: --from \(\S+\) must be before --to/],
    [['replay', '--from', '1h', '--to', '2999-01-01T00:00:00Z'], /^mesh replay: --to \(\S+\) is in the future/],
    [['replay', '--from', '1h', '--pattern', '{}'], /^mesh replay: unknown flag --pattern/],
  ])('exits 2 for %j', async (args, message) => {
    const { code, stderr } = await mesh(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('exits 1 for an archive or rule that does not exist', async () => {
    const noArchive = await mesh(['replay', '--from', '1h', '--archive', 'nope']);
    expect(noArchive.code).toBe(1);
    expect(noArchive.stderr).toMatch(/^mesh replay: ResourceNotFoundException: Archive nope does not exist/);
    const noRule = await mesh(['replay', '--from', '1h', '--rule', 'nope']);
    expect(noRule.code).toBe(1);
    expect(noRule.stderr).toMatch(
      /^mesh replay: no rule of mesh-tracetest is named "nope" or has it in its name \(its rules: /,
    );
    const ambiguous = await mesh(['replay', '--from', '1h', '--rule', `trace-${process.pid}`]);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toMatch(/^mesh replay: \d+ rules of mesh-tracetest have "trace-\d+" in their name/);
  });
});
