import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { meshProvider } from '@mesh/infra';
import path from 'node:path';
import { startOfflineService, type StartedOfflineService } from '../../../src/runner';
import { freePort } from '../../../src/runner/freePort';

// The fixture's functions have a 1 s timeout; slowInit's module takes 3 s to load (see fixtures/coldStart).
const FIXTURE = path.join(__dirname, 'fixtures/coldStart');
const runtimeMajor = Number(/^nodejs(\d+)\.x$/.exec(meshProvider.runtime)?.[1]);

describe('a function under the mesh’s serverless-offline', () => {
  let service: StartedOfflineService;
  let lambda: LambdaClient;

  beforeAll(async () => {
    const [http, lambdaPort, websocket] = [await freePort(), await freePort(), await freePort()];
    service = await startOfflineService({
      serviceName: 'cold-start',
      serviceDir: FIXTURE,
      stage: 'test',
      region: 'us-east-1',
      params: {},
      edgeUrl: 'http://127.0.0.1:9',
      ports: { http, lambda: lambdaPort, websocket },
      waitFor: { http: true },
    });
    lambda = new LambdaClient({
      endpoint: service.lambdaEndpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
  }, 90_000);
  afterAll(async () => {
    lambda?.destroy();
    await service?.stop();
  });

  it('answers a cold start over HTTP whose module init outlasts the timeout, as AWS does', async () => {
    const response = await fetch(`${service.httpUrl}/slow-init`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { initMs: number };
    expect(body.initMs).toBeGreaterThanOrEqual(3_000);
  });

  it('answers a cold start by Invoke whose module init outlasts the timeout, without a FunctionError', async () => {
    const result = await lambda.send(new InvokeCommand({ FunctionName: 'cold-start-test-slowInitInvoked' }));
    expect(result.FunctionError).toBeUndefined();
    const payload = JSON.parse(Buffer.from(result.Payload!).toString()) as { statusCode: number; body: string };
    expect(payload.statusCode).toBe(200);
    expect((JSON.parse(payload.body) as { initMs: number }).initMs).toBeGreaterThanOrEqual(3_000);
  });

  it('runs handlers on the Node major of the deploy runtime, as the tests themselves do', async () => {
    expect(runtimeMajor).toBeGreaterThanOrEqual(22);
    const response = await fetch(`${service.httpUrl}/slow-init`);
    const { node } = (await response.json()) as { node: string };
    expect(Number(node.split('.')[0])).toBe(runtimeMajor);
    expect(Number(process.versions.node.split('.')[0])).toBe(runtimeMajor);
  });

  it('still fails an invocation whose handler outlasts the timeout, then serves the next one', async () => {
    const sleep = (ms: number) =>
      lambda.send(
        new InvokeCommand({
          FunctionName: 'cold-start-test-sleep',
          Payload: JSON.stringify({ queryStringParameters: { ms: String(ms) } }),
        }),
      );
    const timedOut = await sleep(60_000);
    expect(timedOut.FunctionError).toBe('Unhandled');
    expect(JSON.parse(Buffer.from(timedOut.Payload!).toString())).toMatchObject({
      errorMessage: '[504] - Lambda timeout.',
    });
    const next = await sleep(0);
    expect(next.FunctionError).toBeUndefined();
    expect(JSON.parse(Buffer.from(next.Payload!).toString())).toMatchObject({ statusCode: 200 });
  });
});
