import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { eventually } from '@mesh/testing';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startOfflineService, type StartedOfflineService } from '../../../src/runner';
import { bundleServerlessPlugins } from '../../../src/runner/bundleServerlessPlugin';
import { freePort } from '../../../src/runner/freePort';

// A temporary service beside the real ones (so `../../packages` is the workspace's, as for them) and a
// temporary module under packages/*, both removed afterwards: no committed source is edited.
const ROOT = path.resolve(__dirname, '../../../../..');
const SERVICE = path.join(ROOT, 'services', `.hot-reload-${process.pid}`);
const PROBE_NAME = `hotReloadProbe${process.pid}`;
const PROBE = path.join(ROOT, 'packages/testing/src', `${PROBE_NAME}.ts`);

const writeHandler = (version: number) =>
  writeFileSync(
    path.join(SERVICE, 'version.ts'),
    `import { probe } from '../../packages/testing/src/${PROBE_NAME}';\n` +
      `export const handler = async () => ({ version: ${version}, probe });\n`,
  );
const writeProbe = (value: string) => writeFileSync(PROBE, `export const probe = '${value}';\n`);

describe('a running service under the mesh’s serverless-offline', () => {
  let service: StartedOfflineService;
  let lambda: LambdaClient;
  let exited = false;

  const invoke = async () => {
    const result = await lambda.send(new InvokeCommand({ FunctionName: 'hot-reload-test-version' }));
    return JSON.parse(Buffer.from(result.Payload!).toString()) as { version: number; probe: string };
  };

  beforeAll(async () => {
    cpSync(path.join(__dirname, 'fixtures/hotReload'), SERVICE, { recursive: true });
    writeProbe('first');
    writeHandler(1);
    const [http, lambdaPort, websocket] = [await freePort(), await freePort(), await freePort()];
    service = await startOfflineService({
      serviceName: 'hot-reload',
      serviceDir: SERVICE,
      stage: 'test',
      region: 'us-east-1',
      params: {},
      edgeUrl: 'http://127.0.0.1:9',
      ports: { http, lambda: lambdaPort, websocket },
      inspect: true,
      // As the mesh runs it: serverless-esbuild (which watches and rebuilds) from its bundle.
      pluginBundles: await bundleServerlessPlugins(ROOT, path.join(ROOT, '.mesh', 'plugin-bundles')),
    });
    void service.exited.then(() => (exited = true));
    lambda = new LambdaClient({
      endpoint: service.lambdaEndpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
  }, 120_000);
  afterAll(async () => {
    lambda?.destroy();
    await service?.stop();
    rmSync(SERVICE, { recursive: true, force: true });
    rmSync(PROBE, { force: true });
  });

  it('opens the Node inspector of its functions’ runtime on the loopback, when asked', async () => {
    expect(service.inspectorUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\//);
    const { host } = new URL(service.inspectorUrl!);
    const version = (await (await fetch(`http://${host}/json/version`)).json()) as { Browser: string };
    expect(version.Browser).toMatch(/^node\.js\/v\d+/);
  });

  it('serves a changed handler at the next invocation, without a restart', async () => {
    expect(await invoke()).toEqual({ version: 1, probe: 'first' });
    writeHandler(2);
    await eventually(async () => (await invoke()).version === 2, 60_000);
    expect(exited).toBe(false);
  });

  it('serves a change to a workspace package under packages/* it uses, without a restart', async () => {
    writeProbe('second');
    await eventually(async () => (await invoke()).probe === 'second', 60_000);
    expect(await invoke()).toEqual({ version: 2, probe: 'second' });
    expect(exited).toBe(false);
  });
});
