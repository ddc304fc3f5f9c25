// Every hop of an event, offline: PutEvents → rule → SQS → the poller → a function (a stub of serverless-offline's
// invoke endpoint) → handled / failed, recorded by startEmulators' recorder and read over the edge's /_mesh/ routes.
import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateEventBusCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createSqsPoller, lambdaInvoker, type ClosableLambdaInvoker, type SqsPoller } from '../../../src/pollers';
import { startEmulators, type StartedEmulators } from '../../../src/runner';
import { createHopRecorder, createMeshListener, parseFailureLog, type Hop, type HopRecorder } from '../../../src/trace';
import { eventually, startLambdaInvokeStub, type LambdaInvokeStub } from '@mesh/testing';

const BUS = 'mesh-hopstest';
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const quiet = { warn: () => {}, error: () => {} };
let emulators: StartedEmulators;
let events: EventBridgeClient;
let sqs: SQSClient;
let stub: LambdaInvokeStub;
let invoke: ClosableLambdaInvoker;
const pollers: SqsPoller[] = [];
let counter = 0;

beforeAll(async () => {
  // One after the other: a stub left unassigned by a failed start would keep jest alive.
  stub = await startLambdaInvokeStub();
  emulators = await startEmulators({ edgePort: 0 });
  const config = { endpoint: emulators.edgeUrl, region: 'us-east-1', credentials };
  events = new EventBridgeClient(config);
  sqs = new SQSClient(config);
  invoke = lambdaInvoker(stub.endpoint);
  await events.send(new CreateEventBusCommand({ Name: BUS }));
}, 120_000);

afterEach(async () => {
  await Promise.all(pollers.splice(0).map((poller) => poller.stop()));
  stub.answer = () => ({ payload: null });
});

afterAll(async () => {
  invoke?.close();
  events?.destroy();
  sqs?.destroy();
  await stub?.stop();
  await emulators?.stop();
});

/** A queue, a rule on the bus for `detailType` targeting it, and a poller invoking `functionName` from it. */
async function wire(detailType: string, options: { fifo?: boolean } = {}) {
  counter += 1;
  const name = `hops-${process.pid}-${counter}${options.fifo ? '.fifo' : ''}`;
  const { QueueUrl } = await sqs.send(
    new CreateQueueCommand({
      QueueName: name,
      Attributes: { VisibilityTimeout: '1', ...(options.fifo ? { FifoQueue: 'true' } : {}) },
    }),
  );
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  const queueArn = Attributes!.QueueArn!;
  const rule = `${name.replace('.fifo', '')}-rule`;
  if (!options.fifo) {
    await events.send(
      new PutRuleCommand({
        Name: rule,
        EventBusName: BUS,
        EventPattern: JSON.stringify({ 'detail-type': [detailType] }),
      }),
    );
    await events.send(
      new PutTargetsCommand({ Rule: rule, EventBusName: BUS, Targets: [{ Id: 'queue', Arn: queueArn }] }),
    );
  }
  const functionName = `${name.replace('.fifo', '')}-fn`;
  const poller = createSqsPoller({
    spec: {
      functionLogicalId: 'Fn',
      functionName,
      kind: 'sqs',
      sourceArn: queueArn,
      queueUrl: QueueUrl,
      batchSize: 10,
      maximumBatchingWindowSeconds: 0,
      reportBatchItemFailures: true,
      enabled: true,
    },
    sqs,
    invoke,
    waitTimeSeconds: 1,
    errorBackoffMs: 50,
    logger: quiet,
    hops: emulators.hops,
    service: 'hopstest',
  });
  pollers.push(poller);
  await poller.start();
  return { name, url: QueueUrl!, arn: queueArn, rule, functionName };
}

const envelope = (correlationId: string, eventId: string) =>
  JSON.stringify({
    eventId,
    version: 1,
    occurredAt: new Date().toISOString(),
    correlationId,
    causationId: correlationId,
    data: { orderId: 'ord-1' },
  });

async function put(detailType: string, correlationId: string, eventId: string) {
  const { FailedEntryCount } = await events.send(
    new PutEventsCommand({
      Entries: [
        { EventBusName: BUS, Source: 'mesh.loans', DetailType: detailType, Detail: envelope(correlationId, eventId) },
      ],
    }),
  );
  expect(FailedEntryCount).toBe(0);
}

async function getJson(path: string): Promise<{ status: number; body: { hops?: Hop[]; error?: string } }> {
  const response = await fetch(`${emulators.edgeUrl}${path}`);
  return { status: response.status, body: (await response.json()) as { hops?: Hop[]; error?: string } };
}

const kinds = (hops: readonly Hop[]) => hops.map((hop) => hop.kind);

it('records published → matched → delivered → received → handled for one event, with its ids and timings', async () => {
  const queue = await wire('HopsHandled');
  await put('HopsHandled', 'cor-handled', 'evt-handled');
  const hops = await eventually(() => {
    const found = emulators.hops.query({ correlationId: 'cor-handled' });
    return found.some((hop) => hop.kind === 'handled') && found;
  });
  expect(kinds(hops)).toEqual(['published', 'matched', 'delivered', 'received', 'handled']);
  const ids = {
    correlationId: 'cor-handled',
    eventId: 'evt-handled',
    causationId: 'cor-handled',
    name: 'HopsHandled',
    source: 'mesh.loans',
  };
  for (const hop of hops) expect(hop).toMatchObject(ids);
  const [published, matched, delivered, received, handled] = hops;
  expect(published).toMatchObject({ bus: BUS, awsEventId: expect.any(String) });
  expect(matched).toMatchObject({ bus: BUS, rule: queue.rule });
  expect(delivered).toMatchObject({ rule: queue.rule, target: queue.arn, queue: queue.name, attempt: 1 });
  expect(delivered!.durationMs).toBeGreaterThanOrEqual(0);
  expect(received).toMatchObject({
    queue: queue.name,
    functionName: queue.functionName,
    service: 'hopstest',
    messageId: expect.any(String),
    attempt: 1,
  });
  expect(handled).toMatchObject({ messageId: received!.messageId, functionName: queue.functionName });
  expect(handled!.durationMs).toBeGreaterThanOrEqual(0);
  expect(handled!.at).toBeGreaterThanOrEqual(received!.at);
  expect(hops.map((hop) => hop.seq)).toEqual([...hops.map((hop) => hop.seq)].sort((a, b) => a - b));

  const { status, body } = await getJson('/_mesh/hops?correlationId=cor-handled');
  expect(status).toBe(200);
  expect(body.hops).toEqual(hops);
  expect((await getJson('/_mesh/hops?correlationId=cor-handled&kind=received')).body.hops).toEqual([received]);
});

it("records a failed hop per attempt, and the handler's logged reason on it by message id", async () => {
  await wire('HopsFailed');
  stub.answer = (invocation) => ({
    payload: { batchItemFailures: invocation.event.Records.map((record) => ({ itemIdentifier: record.messageId })) },
  });
  await put('HopsFailed', 'cor-failed', 'evt-failed');
  const [firstFailure] = await eventually(() => {
    const found = emulators.hops.query({ correlationId: 'cor-failed', kind: 'failed' });
    return found.length >= 2 && found;
  });
  const messageId = firstFailure!.messageId!;
  const attempts = emulators.hops.query({ messageId, kind: 'received' }).map((hop) => hop.attempt);
  expect(attempts.slice(0, 2)).toEqual([1, 2]);
  // No third attempt may overtake the log line below.
  await Promise.all(pollers.splice(0).map((poller) => poller.stop()));

  // The line a subscriber logs, as the mesh reads it from the service's output after the invocation answered.
  const line = JSON.stringify({
    level: 'ERROR',
    message: 'message failed; it returns to its queue',
    reason: 'ContractViolationError: HopsFailed data.total: Required',
    messageId,
  });
  const failure = parseFailureLog(line)!;
  emulators.hops.noteFailureReason(failure.messageId, failure.reason);
  const { body } = await getJson(`/_mesh/hops?messageId=${encodeURIComponent(messageId)}&kind=failed`);
  expect(body.hops!.at(-1)).toMatchObject({
    kind: 'failed',
    messageId,
    correlationId: 'cor-failed',
    reason: 'ContractViolationError: HopsFailed data.total: Required',
    durationMs: expect.any(Number),
  });
});

it('records a whole-batch function error as failed with its reason', async () => {
  await wire('HopsCrashed');
  stub.answer = () => ({ functionError: { errorType: 'TypeError', errorMessage: 'x is undefined' } });
  await put('HopsCrashed', 'cor-crashed', 'evt-crashed');
  const [failed] = await eventually(() => {
    const found = emulators.hops.query({ correlationId: 'cor-crashed', kind: 'failed' });
    return found.length >= 1 && found;
  });
  expect(failed!.reason).toMatch(/failed \(Unhandled\): TypeError: x is undefined$/);
});

it('records sent → received → handled for a command sent straight to its FIFO queue, ids from its body', async () => {
  const queue = await wire('unused', { fifo: true });
  const command = {
    commandId: 'cmd-1',
    name: 'ReserveCopy',
    version: 1,
    issuedAt: new Date().toISOString(),
    correlationId: 'cor-command',
    causationId: 'evt-cause',
    data: { orderId: 'ord-1' },
  };
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: queue.url,
      MessageBody: JSON.stringify(command),
      MessageGroupId: 'ord-1',
      MessageDeduplicationId: 'cmd-1',
    }),
  );
  const hops = await eventually(() => {
    const found = emulators.hops.query({ correlationId: 'cor-command' });
    return found.some((hop) => hop.kind === 'handled') && found;
  });
  expect(kinds(hops)).toEqual(['sent', 'received', 'handled']);
  for (const hop of hops) {
    expect(hop).toMatchObject({ eventId: 'cmd-1', name: 'ReserveCopy', causationId: 'evt-cause', queue: queue.name });
  }
  expect(hops[0]!.at).toBeLessThanOrEqual(hops[1]!.at);
});

it('records a delivery EventBridge cannot make as target-failed, then dropped', async () => {
  const rule = `hops-${process.pid}-missing`;
  await events.send(
    new PutRuleCommand({
      Name: rule,
      EventBusName: BUS,
      EventPattern: JSON.stringify({ 'detail-type': ['HopsLost'] }),
    }),
  );
  await events.send(
    new PutTargetsCommand({
      Rule: rule,
      EventBusName: BUS,
      Targets: [
        {
          Id: 'gone',
          Arn: 'arn:aws:sqs:us-east-1:000000000000:no-such-queue',
          RetryPolicy: { MaximumRetryAttempts: 0 },
        },
      ],
    }),
  );
  await put('HopsLost', 'cor-lost', 'evt-lost');
  const hops = await eventually(() => {
    const found = emulators.hops.query({ correlationId: 'cor-lost' });
    return found.some((hop) => hop.kind === 'dropped') && found;
  });
  expect(kinds(hops)).toEqual(['published', 'matched', 'target-failed', 'dropped']);
  expect(hops[2]).toMatchObject({
    rule,
    queue: 'no-such-queue',
    willRetry: false,
    reason: expect.stringMatching(/\S/),
  });
  expect(hops[3]!.reason).toMatch(/no dead-letter queue/);
});

describe('GET /_mesh/hops', () => {
  it.each([
    ['kind=nope', /^kind must be one of/],
    ['limit=0', /^limit must be a whole number >= 1/],
    ['since=x', /^since must be a whole number >= 0/],
    ['correlationid=c', /^unknown query parameter "correlationid"/],
  ])('answers 400 with the reason for %s', async (query, reason) => {
    const { status, body } = await getJson(`/_mesh/hops?${query}`);
    expect(status).toBe(400);
    expect(body.error).toMatch(reason);
  });

  it('answers 404 for another /_mesh/ path, and leaves AWS requests alone', async () => {
    expect((await getJson('/_mesh/nope')).status).toBe(404);
    expect((await fetch(`${emulators.edgeUrl}/_edge/health`)).status).toBe(200);
  });

  it('answers the latest `limit` hops after `since`', async () => {
    const all = (await getJson('/_mesh/hops?limit=50000')).body.hops!;
    const since = all.at(-3)!.seq;
    expect((await getJson(`/_mesh/hops?since=${since}`)).body.hops!.map((hop) => hop.seq)).toEqual(
      all.slice(-2).map((hop) => hop.seq),
    );
    expect((await getJson('/_mesh/hops?limit=1')).body.hops).toEqual([all.at(-1)]);
  });
});

/** Reads server-sent events from `path` until `until` holds, then closes the connection. */
function readStream(
  url: string,
  until: (messages: { event?: string; id?: string; data?: string; comments: string[] }[]) => boolean,
): Promise<{ event?: string; id?: string; data?: string; comments: string[] }[]> {
  return new Promise((resolve, reject) => {
    const messages: { event?: string; id?: string; data?: string; comments: string[] }[] = [];
    let buffer = '';
    const request = http.get(url, (response: IncomingMessage) => {
      expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const message: { event?: string; id?: string; data?: string; comments: string[] } = { comments: [] };
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) message.comments.push(line.slice(1).trim());
            else {
              const [field, ...rest] = line.split(': ');
              (message as Record<string, unknown>)[field!] = rest.join(': ');
            }
          }
          messages.push(message);
        }
        if (until(messages)) {
          request.destroy();
          resolve(messages);
        }
      });
    });
    request.on('error', reject);
    setTimeout(() => {
      request.destroy();
      reject(new Error(`stream did not deliver in time: ${JSON.stringify(messages)}`));
    }, 10_000).unref();
  });
}

describe('GET /_mesh/stream', () => {
  it('streams the hops after `since`, then each new hop as it is recorded', async () => {
    await wire('HopsStreamed');
    const since = emulators.hops.query({ limit: 1 })[0]?.seq ?? 0;
    const hopsOf = (messages: { event?: string; data?: string }[]) =>
      messages.filter((m) => m.event === 'hop').map((m) => JSON.parse(m.data!) as Hop);
    const streamed = readStream(`${emulators.edgeUrl}/_mesh/stream?since=${since}`, (messages) =>
      hopsOf(messages).some((hop) => hop.correlationId === 'cor-streamed' && hop.kind === 'handled'),
    );
    await put('HopsStreamed', 'cor-streamed', 'evt-streamed');
    const messages = await streamed;
    const hops = hopsOf(messages).filter((hop) => hop.correlationId === 'cor-streamed');
    expect(kinds(hops)).toEqual(['published', 'matched', 'delivered', 'received', 'handled']);
    expect(hops).toEqual(emulators.hops.query({ correlationId: 'cor-streamed' }));
    expect(messages.filter((m) => m.event === 'hop').map((m) => m.id)).toEqual(
      hopsOf(messages).map((hop) => String(hop.seq)),
    );
    expect(hopsOf(messages).every((hop) => hop.seq > since)).toBe(true);
  });

  it('answers 400 for a bad since', async () => {
    const { status, body } = await getJson('/_mesh/stream?since=-3');
    expect(status).toBe(400);
    expect(body.error).toMatch(/^since must be/);
  });

  it('sends heartbeat comments and stops listening when the client goes', async () => {
    let listeners = 0;
    const recorder = createHopRecorder();
    const counting: HopRecorder = {
      record: (hop) => recorder.record(hop),
      query: (query) => recorder.query(query),
      subscribe(listener) {
        listeners += 1;
        const stop = recorder.subscribe(listener);
        return () => {
          listeners -= 1;
          stop();
        };
      },
    };
    const server = http.createServer(createMeshListener(counting, { heartbeatMs: 50 }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/_mesh/stream?since=0`;
    try {
      recorder.record({ at: Date.now(), kind: 'published', name: 'Before' });
      const messages = await readStream(url, (m) => m.filter((x) => x.comments.includes('heartbeat')).length >= 2);
      expect(messages.find((m) => m.event === 'hop')?.data).toContain('"name":"Before"');
      await eventually(() => listeners === 0, 5_000);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
