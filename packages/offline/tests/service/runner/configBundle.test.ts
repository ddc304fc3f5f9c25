import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { bundleServerlessConfig } from '@mesh/infra';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startOfflineService, type StartedOfflineService } from '../../../src/runner';
import { freePort } from '../../../src/runner/freePort';

// A temporary service beside the real ones (so its imports resolve as theirs do), removed afterwards.
const ROOT = path.resolve(__dirname, '../../../../..');
const SERVICE = path.join(ROOT, 'services', `.config-bundle-${process.pid}`);

describe('serverless-offline started with a bundle of the service’s serverless.ts', () => {
  let service: StartedOfflineService | undefined;
  let lambda: LambdaClient | undefined;
  let outDir: string;

  beforeAll(() => {
    cpSync(path.join(__dirname, 'fixtures/hotReload'), SERVICE, { recursive: true });
    writeFileSync(path.join(SERVICE, 'version.ts'), `export const handler = async () => ({ served: true });\n`);
    outDir = mkdtempSync(path.join(os.tmpdir(), 'config-bundle-'));
  });
  afterAll(async () => {
    lambda?.destroy();
    await service?.stop();
    rmSync(SERVICE, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  });

  it('takes its configuration from the bundle, without loading serverless.ts', async () => {
    const configBundle = await bundleServerlessConfig({ serviceDir: SERVICE, outDir });
    // Were serverless.ts loaded now, the start would fail with this error.
    writeFileSync(path.join(SERVICE, 'serverless.ts'), `throw new Error('serverless.ts was loaded');\n`);
    const [http, lambdaPort, websocket] = [await freePort(), await freePort(), await freePort()];
    service = await startOfflineService({
      serviceName: 'config-bundle',
      serviceDir: SERVICE,
      stage: 'test',
      region: 'us-east-1',
      params: {},
      edgeUrl: 'http://127.0.0.1:9',
      ports: { http, lambda: lambdaPort, websocket },
      configBundle,
    });
    lambda = new LambdaClient({
      endpoint: service.lambdaEndpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const result = await lambda.send(new InvokeCommand({ FunctionName: 'hot-reload-test-version' }));
    expect(JSON.parse(Buffer.from(result.Payload!).toString())).toEqual({ served: true });
  }, 120_000);
});
