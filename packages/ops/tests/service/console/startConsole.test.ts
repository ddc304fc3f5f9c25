import { connect, createServer } from 'node:net';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { events } from '@mesh/contracts';
import { ConsoleStartError, startConsole, type StartedConsole } from '../../../src/console';
import { startSqs, type StartedSqs } from '@mesh/offline';
import { createHopRecorder, type MeshHopRecorder } from '@mesh/offline';

const STAGE = 'consoletest';
const credentials = { accessKeyId: 'console', secretAccessKey: 'console' };
const REPO_ROOT = `${__dirname}/../../../../..`;

const eventBody = (eventId: string, correlationId: string) =>
  JSON.stringify({
    version: '0',
    id: `aws-${eventId}`,
    'detail-type': 'BookLent',
    source: 'mesh.loans',
    detail: { eventId, correlationId, version: 1, data: { orderId: 'ord-1' } },
  });

/** Reads a server-sent event stream until `done` holds for the events seen so far. */
async function readStream(
  url: string,
  done: (events: { event: string; id?: string; data: unknown }[]) => boolean,
  headers: Record<string, string> = {},
) {
  const abort = new AbortController();
  const response = await fetch(url, { signal: abort.signal, headers });
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: { event: string; id?: string; data: unknown }[] = [];
  let buffer = '';
  const timeout = setTimeout(() => abort.abort(), 10_000);
  try {
    while (!done(events)) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(
          block
            .split('\n')
            .filter((line) => !line.startsWith(':') && line.includes(': '))
            .map((line) => [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)]),
        );
        if (fields.event && fields.data !== undefined) {
          events.push({ event: fields.event, ...(fields.id ? { id: fields.id } : {}), data: JSON.parse(fields.data) });
        }
      }
    }
  } finally {
    clearTimeout(timeout);
    abort.abort();
  }
  return events;
}

describe('the local console server (startConsole) over fauxqs and a hop recorder', () => {
  let sqsEmulator: StartedSqs;
  let sqs: SQSClient;
  let hops: MeshHopRecorder;
  let consoleServer: StartedConsole;
  let sourceUrl: string;
  let dlqUrl: string;

  const depth = async (url: string) => {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    return Number(Attributes?.ApproximateNumberOfMessages);
  };
  const api = (path: string, init?: RequestInit) => fetch(`${consoleServer.url}${path}`, init);

  beforeAll(async () => {
    sqsEmulator = await startSqs();
    sqs = new SQSClient({ endpoint: sqsEmulator.endpoint, region: 'us-east-1', credentials });
    dlqUrl = (await sqs.send(new CreateQueueCommand({ QueueName: `reminders-${STAGE}-lifecycle-dlq` }))).QueueUrl!;
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }),
    );
    sourceUrl = (
      await sqs.send(
        new CreateQueueCommand({
          QueueName: `reminders-${STAGE}-lifecycle`,
          Attributes: {
            RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes!.QueueArn, maxReceiveCount: 1 }),
            VisibilityTimeout: '1',
          },
        }),
      )
    ).QueueUrl!;
    await sqs.send(new CreateQueueCommand({ QueueName: `reminders-${STAGE}-lifecycle-delivery-dlq` }));
    await sqs.send(new CreateQueueCommand({ QueueName: 'other-stage-queue' }));
    hops = createHopRecorder();
    consoleServer = await startConsole({
      hops,
      edgeUrl: sqsEmulator.endpoint,
      stage: STAGE,
      port: 0,
      repoRoot: REPO_ROOT,
      queuePollMs: 100,
    });
  });

  afterAll(async () => {
    await consoleServer?.stop();
    sqs?.destroy();
    await sqsEmulator?.stop();
  });

  it('serves one page, its script and stylesheet, and the event map, on the loopback', async () => {
    expect(consoleServer.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await api('/');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    for (const testid of ['queues-table', 'dlq-list', 'events-table', 'trace-form', 'event-map']) {
      expect(html).toContain(`data-testid="${testid}"`);
    }
    expect((await api('/console.js')).headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await api('/console.css')).headers.get('content-type')).toMatch(/^text\/css/);
    const map = await api('/event-map.svg');
    expect(map.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    // The map of the mesh's own contracts: every event of the registry is on it.
    const svg = await map.text();
    expect(svg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    for (const contract of events) expect(svg).toContain(`>${contract.name}<`);
    expect((await api('/nope')).status).toBe(404);
  });

  it("lists the stage's queues with their depths, each DLQ marked with the queue it serves", async () => {
    await sqs.send(new SendMessageCommand({ QueueUrl: sourceUrl, MessageBody: eventBody('evt-depth', 'cor-depth') }));
    const { queues } = (await (await api('/api/queues')).json()) as {
      queues: { name: string; visible: number; isDlq: boolean; sources: string[]; dlq?: { name: string } }[];
    };
    expect(queues.map((q) => q.name)).toEqual([
      `reminders-${STAGE}-lifecycle`,
      `reminders-${STAGE}-lifecycle-delivery-dlq`,
      `reminders-${STAGE}-lifecycle-dlq`,
    ]);
    const [source, deliveryDlq, dlq] = queues;
    expect(source).toMatchObject({ visible: 1, isDlq: false, dlq: { name: `reminders-${STAGE}-lifecycle-dlq` } });
    expect(deliveryDlq).toMatchObject({ isDlq: true, sources: [] });
    expect(dlq).toMatchObject({ isDlq: true, sources: [`reminders-${STAGE}-lifecycle`] });
  });

  it('shows each dead letter with the reason of its failed hop, then redrives them back to their queue', async () => {
    // The message from the test above fails once (maxReceiveCount 1) and moves to the DLQ with its message id.
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: sourceUrl, WaitTimeSeconds: 1 }));
    expect(Messages).toHaveLength(1);
    const messageId = Messages[0]!.MessageId!;
    hops.record({ at: Date.now(), kind: 'failed', messageId, functionName: 'reminders-fn', attempt: 1 });
    hops.noteFailureReason(messageId, 'BookLent: data.items: Required');
    // SQS moves it to the DLQ on the first receive after its visibility timeout (1 s), as a poller's would.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const again = await sqs.send(new ReceiveMessageCommand({ QueueUrl: sourceUrl, WaitTimeSeconds: 1 }));
    expect(again.Messages ?? []).toEqual([]);
    const deadLetter = async () => {
      for (let i = 0; i < 10; i += 1) {
        const body = (await (await api(`/api/dlq/reminders-${STAGE}-lifecycle-dlq/messages`)).json()) as {
          messages: { messageId: string; reason?: string; failedBy?: string; failures: number; summary?: unknown }[];
        };
        if (body.messages.length > 0) return body;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error('no dead letter after 10 tries');
    };
    const { messages } = await deadLetter();
    expect(messages).toEqual([
      expect.objectContaining({
        messageId,
        reason: 'BookLent: data.items: Required',
        failedBy: 'reminders-fn',
        failures: 1,
        summary: expect.objectContaining({ kind: 'event', name: 'BookLent', correlationId: 'cor-depth' }),
      }),
    ]);
    // Peeking left it in place.
    expect(await depth(dlqUrl)).toBe(1);

    const foreign = await api(`/api/dlq/reminders-${STAGE}-lifecycle-dlq/redrive`, {
      method: 'POST',
      headers: { origin: 'http://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect(await depth(dlqUrl)).toBe(1);

    const redriven = await api(`/api/dlq/reminders-${STAGE}-lifecycle-dlq/redrive`, {
      method: 'POST',
      headers: { origin: consoleServer.url },
    });
    expect(redriven.status).toBe(200);
    expect(await redriven.json()).toEqual({
      from: `reminders-${STAGE}-lifecycle-dlq`,
      to: `reminders-${STAGE}-lifecycle`,
      moved: 1,
      total: 1,
      failed: [],
    });
    expect(await depth(dlqUrl)).toBe(0);
    expect(await depth(sourceUrl)).toBe(1);
  });

  it("falls back to EventBridge's failure attributes, and refuses to redrive a DLQ no queue names", async () => {
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({ QueueName: `reminders-${STAGE}-lifecycle-delivery-dlq` }),
    );
    await sqs.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: eventBody('evt-undelivered', 'cor-undelivered'),
        MessageAttributes: {
          ERROR_CODE: { DataType: 'String', StringValue: 'SDK_CLIENT_ERROR' },
          ERROR_MESSAGE: { DataType: 'String', StringValue: 'queue does not exist' },
        },
      }),
    );
    const body = (await (await api(`/api/dlq/reminders-${STAGE}-lifecycle-delivery-dlq/messages`)).json()) as {
      messages: { reason?: string }[];
    };
    expect(body.messages.map((m) => m.reason)).toEqual(['SDK_CLIENT_ERROR: queue does not exist']);
    const redrive = await api(`/api/dlq/reminders-${STAGE}-lifecycle-delivery-dlq/redrive`, { method: 'POST' });
    expect(redrive.status).toBe(409);
    expect(((await redrive.json()) as { error: string }).error).toMatch(/--to/);
    // A source queue is not a DLQ: the console never receives from it (a receive counts towards its DLQ).
    expect((await api(`/api/dlq/reminders-${STAGE}-lifecycle/messages`)).status).toBe(409);
    expect((await api('/api/dlq/nope/messages')).status).toBe(404);
  });

  it('answers hop queries, and refuses a bad one', async () => {
    hops.record({ at: Date.now(), kind: 'published', name: 'BookLent', correlationId: 'cor-q', eventId: 'e-q' });
    hops.record({ at: Date.now(), kind: 'delivered', name: 'BookLent', correlationId: 'cor-q', eventId: 'e-q' });
    const { hops: found } = (await (await api('/api/hops?correlationId=cor-q')).json()) as { hops: { kind: string }[] };
    expect(found.map((h) => h.kind)).toEqual(['published', 'delivered']);
    const bad = await api('/api/hops?kind=teleported');
    expect(bad.status).toBe(400);
  });

  it('streams hops after `since` (or Last-Event-ID) and then live, and the queues whenever they change', async () => {
    const before = hops.record({ at: Date.now(), kind: 'published', name: 'CopyReserved', correlationId: 'cor-s' });
    const streamed = readStream(
      `${consoleServer.url}/api/stream?since=${before.seq - 1}`,
      (events) =>
        events.some((e) => e.event === 'hop' && (e.data as { name?: string }).name === 'FeePaid') &&
        events.some((e) => e.event === 'queues'),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    hops.record({ at: Date.now(), kind: 'published', name: 'FeePaid', correlationId: 'cor-s' });
    const events = await streamed;
    const streamedHops = events.filter((e) => e.event === 'hop');
    expect(streamedHops.map((e) => (e.data as { name: string }).name)).toEqual(['CopyReserved', 'FeePaid']);
    expect(streamedHops.map((e) => Number(e.id))).toEqual([before.seq, before.seq + 1]);
    const queues = events.find((e) => e.event === 'queues')!.data as { name: string }[];
    expect(queues.map((q) => q.name)).toContain(`reminders-${STAGE}-lifecycle-dlq`);

    const resumed = await readStream(
      `${consoleServer.url}/api/stream?since=0`,
      (seen) => seen.some((e) => e.event === 'hop'),
      {
        'last-event-id': String(before.seq),
      },
    );
    expect(resumed.filter((e) => e.event === 'hop').map((e) => (e.data as { name: string }).name)).toEqual(['FeePaid']);
  });

  it('refuses a request for another host name (DNS rebinding)', async () => {
    const { port } = new URL(consoleServer.url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () =>
        socket.write('GET /api/queues HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n'),
      );
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 403/);
  });

  it('ends its open event streams and closes when stopped', async () => {
    const second = await startConsole({ hops, edgeUrl: sqsEmulator.endpoint, stage: STAGE, port: 0 });
    const response = await fetch(`${second.url}/api/stream`);
    const reader = response.body!.getReader();
    await reader.read(); // the stream is open: its first bytes arrived
    const stopping = performance.now();
    await second.stop();
    const drained = async () => {
      for (;;) if ((await reader.read()).done) return true;
    };
    await expect(drained()).resolves.toBe(true);
    expect(performance.now() - stopping).toBeLessThan(2_000);
    await expect(fetch(second.url)).rejects.toThrow();
    await expect(second.stop()).resolves.toBeUndefined();
  });

  it('fails to start on a taken port with a ConsoleStartError that says how to choose another', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      await expect(startConsole({ hops, edgeUrl: sqsEmulator.endpoint, stage: STAGE, port })).rejects.toThrow(
        ConsoleStartError,
      );
      await expect(startConsole({ hops, edgeUrl: sqsEmulator.endpoint, stage: STAGE, port })).rejects.toThrow(
        /--console-port/,
      );
    } finally {
      blocker.close();
    }
  });
});
