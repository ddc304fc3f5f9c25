import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  DeauthorizeConnectionCommand,
  DeleteApiDestinationCommand,
  DeleteConnectionCommand,
  DescribeApiDestinationCommand,
  DescribeConnectionCommand,
  EventBridgeClient,
  ListApiDestinationsCommand,
  ListConnectionsCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  UpdateApiDestinationCommand,
  UpdateConnectionCommand,
  type CreateConnectionCommandInput,
  type Target,
} from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startEventBridge, type DeliveredHop, type StartedEventBridge } from '../../../src/eventbridge';
import { startSqs, type StartedSqs } from '../../../src/sqs/startSqs';

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A local HTTP endpoint that records each request and answers with the next scripted status (then 200). */
let server: http.Server;
let endpoint: string;
const received: Received[] = [];
const script: number[] = [];

let sqs: StartedSqs;
let eventBridge: StartedEventBridge;
let client: EventBridgeClient;
let sqsClient: SQSClient;
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      received.push({ method: request.method!, url: request.url!, headers: request.headers, body });
      if (request.url === '/token') {
        response.writeHead(200, { 'content-type': 'application/json' });
        return void response.end(JSON.stringify({ access_token: 'tok-1', expires_in: 3600 }));
      }
      response.writeHead(script.shift() ?? 200);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sqs = await startSqs();
  eventBridge = await startEventBridge({ sqsEndpoint: sqs.endpoint, retry: { baseDelayMs: 10, maxDelayMs: 50 } });
  client = new EventBridgeClient({ endpoint: eventBridge.url, region: 'us-east-1', credentials });
  sqsClient = new SQSClient({ endpoint: sqs.endpoint, region: 'us-east-1', credentials });
});

afterAll(async () => {
  client?.destroy();
  sqsClient?.destroy();
  await eventBridge?.stop();
  await sqs?.stop();
  await new Promise((resolve) => server?.close(resolve));
});

beforeEach(() => {
  received.length = 0;
  script.length = 0;
});

const apiKey = (Name: string): CreateConnectionCommandInput => ({
  Name,
  AuthorizationType: 'API_KEY',
  AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'secret-value' } },
});

/** A rule on `source` whose one target is a new API destination on `connection`; resolves once it is set up. */
async function routeTo(name: string, connectionArn: string, target: Partial<Target> = {}, path = '/hooks/*') {
  const { ApiDestinationArn } = await client.send(
    new CreateApiDestinationCommand({
      Name: name,
      ConnectionArn: connectionArn,
      InvocationEndpoint: `${endpoint}${path}`,
      HttpMethod: 'POST',
    }),
  );
  await client.send(new PutRuleCommand({ Name: name, EventPattern: JSON.stringify({ source: [`mesh.${name}`] }) }));
  await client.send(new PutTargetsCommand({ Rule: name, Targets: [{ Id: 'api', Arn: ApiDestinationArn, ...target }] }));
  return ApiDestinationArn!;
}

const publish = (name: string) =>
  client.send(new PutEventsCommand({ Entries: [{ Source: `mesh.${name}`, DetailType: 'Ping', Detail: '{"n":1}' }] }));

describe('connections', () => {
  it('creates, describes without its secret, lists, updates, deauthorizes and deletes a connection', async () => {
    const created = await client.send(new CreateConnectionCommand({ ...apiKey('crud'), Description: 'd' }));
    expect(created.ConnectionArn).toMatch(/^arn:aws:events:us-east-1:000000000000:connection\/crud\/[0-9a-f-]{36}$/);
    expect(created.ConnectionState).toBe('AUTHORIZED');

    const described = await client.send(new DescribeConnectionCommand({ Name: 'crud' }));
    expect(described).toMatchObject({
      Name: 'crud',
      AuthorizationType: 'API_KEY',
      AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key' } },
    });
    expect(JSON.stringify(described)).not.toContain('secret-value');
    expect(
      (await client.send(new ListConnectionsCommand({ NamePrefix: 'cru' }))).Connections?.map((c) => c.Name),
    ).toEqual(['crud']);

    await client.send(new UpdateConnectionCommand({ Name: 'crud', Description: 'changed' }));
    expect((await client.send(new DescribeConnectionCommand({ Name: 'crud' }))).Description).toBe('changed');
    const deauthorized = await client.send(new DeauthorizeConnectionCommand({ Name: 'crud' }));
    expect(deauthorized.ConnectionState).toBe('DEAUTHORIZED');
    const deleted = await client.send(new DeleteConnectionCommand({ Name: 'crud' }));
    expect(deleted.ConnectionState).toBe('DELETING');
    await expect(client.send(new DescribeConnectionCommand({ Name: 'crud' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('refuses a connection without the parameters of its authorization type, or a taken name', async () => {
    await expect(
      client.send(new CreateConnectionCommand({ Name: 'bare', AuthorizationType: 'BASIC', AuthParameters: {} })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await client.send(new CreateConnectionCommand(apiKey('taken')));
    await expect(client.send(new CreateConnectionCommand(apiKey('taken')))).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
    });
  });
});

describe('API destinations', () => {
  it('creates, describes, lists by connection, updates and deletes one', async () => {
    const { ConnectionArn } = await client.send(new CreateConnectionCommand(apiKey('for-crud')));
    const { ApiDestinationArn } = await client.send(
      new CreateApiDestinationCommand({
        Name: 'dest-crud',
        ConnectionArn,
        InvocationEndpoint: `${endpoint}/x`,
        HttpMethod: 'PUT',
      }),
    );

    expect(await client.send(new DescribeApiDestinationCommand({ Name: 'dest-crud' }))).toMatchObject({
      ApiDestinationArn,
      ApiDestinationState: 'ACTIVE',
      ConnectionArn,
      HttpMethod: 'PUT',
      InvocationRateLimitPerSecond: 300,
    });
    await client.send(new UpdateApiDestinationCommand({ Name: 'dest-crud', InvocationRateLimitPerSecond: 5 }));
    const listed = await client.send(new ListApiDestinationsCommand({ ConnectionArn }));
    expect(listed.ApiDestinations).toEqual([
      expect.objectContaining({ Name: 'dest-crud', InvocationRateLimitPerSecond: 5 }),
    ]);
    await client.send(new DeleteApiDestinationCommand({ Name: 'dest-crud' }));
    await expect(client.send(new DescribeApiDestinationCommand({ Name: 'dest-crud' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('refuses a rate over 300, an unknown method and a connection that does not exist', async () => {
    const { ConnectionArn } = await client.send(new CreateConnectionCommand(apiKey('for-refusals')));
    const base = { Name: 'refused', ConnectionArn, InvocationEndpoint: `${endpoint}/x`, HttpMethod: 'POST' as const };

    await expect(
      client.send(new CreateApiDestinationCommand({ ...base, InvocationRateLimitPerSecond: 301 })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(
      client.send(new CreateApiDestinationCommand({ ...base, HttpMethod: 'TRACE' as 'POST' })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(
      client.send(new CreateApiDestinationCommand({ ...base, ConnectionArn: `${ConnectionArn}-gone` })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('delivers a matched event over HTTP with the API key, path, query and header parameters', async () => {
    const { ConnectionArn } = await client.send(new CreateConnectionCommand(apiKey('keyed')));
    await routeTo('keyed', ConnectionArn!, {
      HttpParameters: {
        PathParameterValues: ['loans'],
        QueryStringParameters: { from: 'mesh' },
        HeaderParameters: { 'x-extra': 'yes' },
      },
    });

    await publish('keyed');
    await eventBridge.emulator.idle();

    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request).toMatchObject({ method: 'POST', url: '/hooks/loans?from=mesh' });
    expect(request!.headers).toMatchObject({ 'x-api-key': 'secret-value', 'x-extra': 'yes' });
    expect(JSON.parse(request!.body)).toMatchObject({ source: 'mesh.keyed', 'detail-type': 'Ping', detail: { n: 1 } });
  });

  it('authorizes with Basic credentials, and with an OAuth client-credentials token it fetches', async () => {
    const basic = await client.send(
      new CreateConnectionCommand({
        Name: 'basic',
        AuthorizationType: 'BASIC',
        AuthParameters: { BasicAuthParameters: { Username: 'u', Password: 'p' } },
      }),
    );
    const oauth = await client.send(
      new CreateConnectionCommand({
        Name: 'oauth',
        AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS',
        AuthParameters: {
          OAuthParameters: {
            ClientParameters: { ClientID: 'id', ClientSecret: 'shh' },
            AuthorizationEndpoint: `${endpoint}/token`,
            HttpMethod: 'POST',
            OAuthHttpParameters: { BodyParameters: [{ Key: 'grant_type', Value: 'client_credentials' }] },
          },
        },
      }),
    );
    await routeTo('basic', basic.ConnectionArn!, {}, '/basic');
    await routeTo('oauth', oauth.ConnectionArn!, {}, '/oauth');

    await publish('basic');
    await publish('oauth');
    await eventBridge.emulator.idle();

    const byPath = Object.fromEntries(received.map((r) => [r.url, r]));
    expect(byPath['/basic']?.headers.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
    expect(byPath['/token']?.headers.authorization).toBe(`Basic ${Buffer.from('id:shh').toString('base64')}`);
    expect(byPath['/token']?.body).toBe('grant_type=client_credentials');
    expect(byPath['/oauth']?.headers.authorization).toBe('Bearer tok-1');
  });

  it('retries a 503, and sends a 400 to the target’s dead-letter queue at once with the error attributes', async () => {
    const { ConnectionArn } = await client.send(new CreateConnectionCommand(apiKey('flaky')));
    const { QueueUrl } = await sqsClient.send(new CreateQueueCommand({ QueueName: 'api-destination-dlq' }));
    await routeTo('flaky', ConnectionArn!, {
      DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:000000000000:api-destination-dlq' },
    });
    const delivered: DeliveredHop[] = [];
    eventBridge.emulator.on('delivered', (hop) => delivered.push(hop));

    script.push(503);
    await publish('flaky');
    await eventBridge.emulator.idle();
    expect(delivered.map((hop) => hop.attempt)).toEqual([2]);

    script.push(400);
    await publish('flaky');
    await eventBridge.emulator.idle();
    const { Messages } = await sqsClient.send(
      new ReceiveMessageCommand({ QueueUrl, MessageAttributeNames: ['All'], WaitTimeSeconds: 1 }),
    );
    expect(received.map((r) => r.url)).toEqual(['/hooks/', '/hooks/', '/hooks/']);
    expect(Messages).toHaveLength(1);
    expect(Messages![0]!.MessageAttributes).toMatchObject({
      ERROR_CODE: { StringValue: 'SDK_CLIENT_ERROR' },
      RETRY_ATTEMPTS: { StringValue: '0' },
    });
  });

  it('keeps to the invocation rate limit: 2 a second means the third call waits a second', async () => {
    const { ConnectionArn } = await client.send(new CreateConnectionCommand(apiKey('limited')));
    await routeTo('limited', ConnectionArn!);
    await client.send(new UpdateApiDestinationCommand({ Name: 'limited', InvocationRateLimitPerSecond: 2 }));
    const at: number[] = [];
    server.on('request', () => at.push(Date.now()));

    await client.send(
      new PutEventsCommand({
        Entries: [1, 2, 3].map(() => ({ Source: 'mesh.limited', DetailType: 'Ping', Detail: '{}' })),
      }),
    );
    await eventBridge.emulator.idle();

    expect(at).toHaveLength(3);
    // Spaced by at least 1/rate: a lower bound only, so a busy machine cannot break it.
    expect(at[2]! - at[0]!).toBeGreaterThanOrEqual(990);
  });

  it('fails the delivery of a deauthorized connection without retrying', async () => {
    const { ConnectionArn } = await client.send(new CreateConnectionCommand(apiKey('revoked')));
    await routeTo('revoked', ConnectionArn!);
    await client.send(new DeauthorizeConnectionCommand({ Name: 'revoked' }));
    const failures: string[] = [];
    eventBridge.emulator.on('failed', (hop) => failures.push(`${hop.errorCode} ${String(hop.willRetry)}`));

    await publish('revoked');
    await eventBridge.emulator.idle();

    expect(received).toHaveLength(0);
    expect(failures).toEqual(['NO_PERMISSIONS false']);
  });
});
