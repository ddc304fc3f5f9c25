import http, { type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventBridgeClient, ListEventBusesCommand } from '@aws-sdk/client-eventbridge';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { createEdgeListener, startEdge, type StartedEdge } from '../../../src';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const MB = 1024 * 1024;

/** An in-process "emulator" that answers 200 with what it received. */
const ok: RequestListener = (request, response) => {
  let size = 0;
  request.on('data', (chunk: Buffer) => (size += chunk.length));
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ EventBuses: [], size }));
  });
};

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Raw HTTP, since fetch will not send a Host of our choosing. */
function raw(url: string, headers: http.OutgoingHttpHeaders, body = '{}', path = '/'): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname, port, path, method: 'POST', headers, agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

const eventsTarget = { 'x-amz-target': 'AWSEvents.ListEventBuses', 'content-type': 'application/x-amz-json-1.1' };

let edge: StartedEdge;

beforeAll(async () => {
  edge = await startEdge({ port: 0, routes: { events: ok, lambda: ok }, allowedHosts: ['devbox.test'] });
});

afterAll(async () => {
  await edge?.stop();
});

describe('the edge refuses what a web page could send', () => {
  it('answers a foreign Host (DNS rebinding) with an AWS-shaped 403', async () => {
    const answer = await raw(edge.url, { ...eventsTarget, host: `rebind.evil.test:${edge.port}` });

    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toEqual({
      __type: 'AccessDeniedException',
      message: expect.stringContaining('rebind.evil.test'),
    });
  });

  it('guards its own paths too: a foreign Host cannot read the health or mounted paths', async () => {
    edge.mount('/_secret/', ok);
    try {
      const health = await raw(edge.url, { host: 'evil.test' }, '', '/_edge/health');
      const mounted = await raw(edge.url, { host: 'evil.test' }, '', '/_secret/hops');

      expect([health.status, mounted.status]).toEqual([403, 403]);
    } finally {
      edge.mount('/_secret/', undefined);
    }
  });

  it.each(['localhost', '127.0.0.1', '[::1]', 'devbox.test'])('serves the Host %s', async (name) => {
    const answer = await raw(edge.url, { ...eventsTarget, host: `${name}:${edge.port}` });

    expect(answer.status).toBe(200);
  });

  it('gives an SDK client whose requests carry a foreign browser Origin a named 403', async () => {
    const events = new EventBridgeClient({ endpoint: edge.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    events.middlewareStack.add(
      (next) => (args) => {
        (args.request as { headers: Record<string, string> }).headers.origin = 'https://evil.test';
        return next(args);
      },
      { step: 'build' },
    );
    try {
      await expect(events.send(new ListEventBusesCommand({}))).rejects.toMatchObject({
        name: 'AccessDeniedException',
        message: expect.stringContaining('https://evil.test'),
        $metadata: { httpStatusCode: 403 },
      });
    } finally {
      events.destroy();
    }
  });

  it('serves a page of this machine (a loopback Origin) and refuses a null Origin', async () => {
    const local = await raw(edge.url, { ...eventsTarget, origin: 'http://localhost:5173' });
    const sandboxed = await raw(edge.url, { ...eventsTarget, origin: 'null' });

    expect(local.status).toBe(200);
    expect(sandboxed.status).toBe(403);
  });
});

describe('the edge answers what SDKs understand', () => {
  it('answers 503 with Retry-After while a service is starting, and the SDK’s retry then succeeds', async () => {
    const starting = createEdgeListener();
    starting.markStarting(['events']);
    const seen: number[] = [];
    // The route appears between the first and second attempt, whatever the machine's speed.
    const server = http.createServer((request, response) => {
      seen.push(seen.length + 1);
      if (seen.length === 2) starting.setRoute('events', ok);
      starting.listener(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const events = new EventBridgeClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 3 });
    try {
      const first = await raw(url, eventsTarget);
      expect(first.status).toBe(503);
      expect(first.headers['retry-after']).toBe('1');
      expect(JSON.parse(first.body)).toMatchObject({ __type: 'ServiceUnavailable' });

      seen.length = 0;
      starting.setRoute('events', undefined);
      starting.markStarting(['events']);
      const answer = await events.send(new ListEventBusesCommand({}));

      expect(answer.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 2 });
    } finally {
      events.destroy();
      starting.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('answers a 20 MB body with an AWS-shaped 413 and keeps serving', async () => {
    const huge = 'x'.repeat(20 * MB);

    const refused = await raw(edge.url, eventsTarget, huge);
    const next = await raw(edge.url, eventsTarget, '{}');

    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.body)).toEqual({
      __type: 'RequestEntityTooLargeException',
      message: expect.stringContaining(`${16 * MB} bytes`),
    });
    expect(next.status).toBe(200);
  });

  it('answers an unsigned query-protocol body over the limit with a 413 in the query protocol’s XML', async () => {
    const refused = await raw(
      edge.url,
      { 'content-type': 'application/x-www-form-urlencoded' },
      `Action=SendMessage&MessageBody=${'x'.repeat(17 * MB)}`,
    );

    expect(refused.status).toBe(413);
    expect(refused.body).toContain('<Code>RequestEntityTooLargeException</Code>');
  });

  it('gives a Lambda invoke over the 6 MB quota RequestTooLargeException through the SDK', async () => {
    const lambda = new LambdaClient({ endpoint: edge.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    try {
      await expect(
        lambda.send(new InvokeCommand({ FunctionName: 'f', Payload: Buffer.from(JSON.stringify('x'.repeat(7 * MB))) })),
      ).rejects.toMatchObject({ name: 'RequestTooLargeException', $metadata: { httpStatusCode: 413 } });
      const small = await lambda.send(new InvokeCommand({ FunctionName: 'f', Payload: Buffer.from('{}') }));
      expect(small.StatusCode).toBe(200);
    } finally {
      lambda.destroy();
    }
  });
});
