import http, { type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { S3Client, ListBucketsCommand } from '@aws-sdk/client-s3';
import { startEdge, AWS_SERVICES, type AwsService, type StartedEdge } from '../../../src';

/** An in-process "emulator" that answers with the service it was routed as. */
const echo =
  (service: AwsService): RequestListener =>
  (request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ service, body, host: request.headers.host, url: request.url }));
    });
  };

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const signed = (service: string) =>
  `AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=00`;

let edge: StartedEdge;
let backend: http.Server;
let backendUrl: string;

beforeAll(async () => {
  backend = http.createServer(echo('sqs'));
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
  edge = await startEdge({
    port: 0,
    routes: {
      sqs: backendUrl,
      events: echo('events'),
      dynamodb: echo('dynamodb'),
      dynamodbstreams: echo('dynamodbstreams'),
      lambda: echo('lambda'),
      sns: echo('sns'),
    },
  });
});

afterAll(async () => {
  await edge?.stop();
  await new Promise((resolve) => backend?.close(resolve));
});

async function routedTo(
  init: RequestInit & { path?: string },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${edge.url}${init.path ?? '/'}`, { method: 'POST', ...init });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the edge endpoint', () => {
  it.each([
    ['AWSEvents.PutEvents', 'events'],
    ['AmazonSQS.SendMessage', 'sqs'],
    ['DynamoDB_20120810.TransactWriteItems', 'dynamodb'],
    ['DynamoDBStreams_20120810.GetRecords', 'dynamodbstreams'],
  ])('routes X-Amz-Target %s to %s', async (target, service) => {
    const { body } = await routedTo({
      headers: {
        'x-amz-target': target,
        'content-type': 'application/x-amz-json-1.1',
        authorization: signed('dynamodb'),
      },
      body: '{}',
    });

    expect(body.service).toBe(service);
  });

  it('routes by the SigV4 credential scope when there is no target', async () => {
    const { body } = await routedTo({ headers: { authorization: signed('sns') }, body: 'Action=Publish' });

    expect(body.service).toBe('sns');
  });

  it('routes Lambda’s REST paths to lambda', async () => {
    const { body } = await routedTo({ path: '/2015-03-31/functions/loans-dev-placeOrder/invocations', body: '{}' });

    expect(body.service).toBe('lambda');
  });

  it('routes an unsigned query-protocol request by its Action, in the query or the body', async () => {
    const inQuery = await routedTo({ method: 'GET', path: '/?Action=ListQueues' });
    const inBody = await routedTo({
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Version=2012-11-05&Action=ListQueues',
    });

    expect(inQuery.body.service).toBe('sqs');
    expect(inBody.body).toMatchObject({ service: 'sqs', body: 'Version=2012-11-05&Action=ListQueues' });
  });

  it('proxies to a backend URL with the client’s Host, path and body intact', async () => {
    const { body } = await routedTo({
      path: '/000000000000/q?x=1',
      headers: { 'x-amz-target': 'AmazonSQS.SendMessage' },
      body: '{"MessageBody":"hi"}',
    });

    expect(body).toEqual({
      service: 'sqs',
      body: '{"MessageBody":"hi"}',
      host: new URL(edge.url).host,
      url: '/000000000000/q?x=1',
    });
  });

  it('answers a service it does not know with an AWS-shaped 400 at once', async () => {
    const { status, body } = await routedTo({
      headers: { authorization: signed('kinesis'), 'content-type': 'application/x-amz-json-1.1' },
      body: '{}',
    });

    expect(status).toBe(400);
    expect(body).toEqual({ __type: 'UnknownServiceException', message: expect.stringContaining("'kinesis'") });
  });

  it('answers a request of no recognisable service with an AWS-shaped 400', async () => {
    const { status, body } = await routedTo({ path: '/anything', body: 'x' });

    expect(status).toBe(400);
    expect(body.__type).toBe('UnknownServiceException');
  });

  it('gives an SDK client of a service that is not running a named error, not a hang', async () => {
    const s3 = new S3Client({ endpoint: edge.url, region: 'us-east-1', credentials, forcePathStyle: true });
    try {
      await expect(s3.send(new ListBucketsCommand({}))).rejects.toMatchObject({
        name: 'NotImplemented',
        message: expect.stringContaining('s3 emulator is not running'),
        $metadata: { httpStatusCode: 501 },
      });
    } finally {
      s3.destroy();
    }
  });

  it('answers 503 ServiceUnavailable in the service’s own shape when its emulator does not answer', async () => {
    const down = await startEdge({ port: 0, routes: { events: 'http://127.0.0.1:1' } });
    const events = new EventBridgeClient({ endpoint: down.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    try {
      await expect(
        events.send(
          new PutEventsCommand({ Entries: [{ Source: 'mesh.loans', DetailType: 'BookLent', Detail: '{}' }] }),
        ),
      ).rejects.toMatchObject({ name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } });
    } finally {
      events.destroy();
      await down.stop();
    }
  });

  it('turns a route on and off while running', async () => {
    const later = await startEdge({ port: 0 });
    const request = () =>
      fetch(`${later.url}/`, { method: 'POST', headers: { 'x-amz-target': 'AWSEvents.PutEvents' }, body: '{}' });
    try {
      expect((await request()).status).toBe(501);
      later.setRoute('events', echo('events'));
      expect((await request()).status).toBe(200);
      later.setRoute('events', undefined);
      expect((await request()).status).toBe(501);
    } finally {
      await later.stop();
    }
  });

  it('reports which services it routes on its health path', async () => {
    const response = await fetch(`${edge.url}/_edge/health`);
    const { services } = (await response.json()) as { services: Record<AwsService, string> };

    expect(Object.keys(services).sort()).toEqual([...AWS_SERVICES].sort());
    expect(services).toMatchObject({ sqs: 'available', events: 'available', s3: 'disabled' });
  });

  it('binds the loopback by default', () => {
    expect(edge.url).toBe(`http://127.0.0.1:${edge.port}`);
  });
});
