import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient, GetItemCommand, ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { StepEvent } from '@mesh/cli';
import { packageTemplate } from '@mesh/infra';
import { pollUntil } from '@mesh/testing';
import type { CloudFormationTemplate } from '../../../src/provision';
import { readOfflineSeed, startMesh, writeOfflineSeed, type StartedMesh } from '../../../src/runner';

const FIXTURE = path.resolve(__dirname, 'fixtures/seeded-mesh');
const ROOT = path.resolve(__dirname, '../../../../..');
const region = 'us-east-1';
const credentials = { accessKeyId: 'seed', secretAccessKey: 'seed' };

/** The offline seed (`custom.offlineSeed`) through a real start: packaged, provisioned, written via the edge. */
describe('a service that declares an offline seed', () => {
  let cacheDir: string;
  let seeded: StartedMesh;
  let dynamo: DynamoDBClient;
  const steps: StepEvent[] = [];

  beforeAll(async () => {
    cacheDir = mkdtempSync(path.join(tmpdir(), 'mesh-seed-'));
    seeded = await startMesh({
      rootDir: FIXTURE,
      stage: 'seeded',
      cacheDir,
      edgePort: 0,
      httpPort: 0,
      websocketPort: 0,
      seed: true,
      onStep: (step) => steps.push(step),
    });
    dynamo = new DynamoDBClient({ endpoint: seeded.edgeUrl, region, credentials });
  }, 240_000);

  afterAll(async () => {
    dynamo?.destroy();
    await seeded?.stop();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  const itemOf = async (id: string) => {
    const { Item } = await dynamo.send(
      new GetItemCommand({ TableName: 'seeded-seeded-things', Key: { id: { S: id } }, ConsistentRead: true }),
    );
    return Item && unmarshall(Item);
  };

  it('writes its items into the provisioned table when the mesh starts with seed', async () => {
    expect(await itemOf('thing-1')).toEqual({
      id: 'thing-1',
      kind: 'demo',
      count: 3,
      tags: ['a', 'b'],
      nested: { ok: true },
    });
    expect(await itemOf('thing-2')).toEqual({ id: 'thing-2', kind: 'demo', count: 0 });
    expect(seeded.services[0]!.seeded).toEqual({ written: 2, kept: 0 });
    expect(steps).toContainEqual(
      expect.objectContaining({ step: 'seed seeded', state: 'done', detail: '2 written, 0 kept' }),
    );
  });

  it('keeps an item already there and writes nothing twice when seeded again', async () => {
    await dynamo.send(
      new UpdateItemCommand({
        TableName: 'seeded-seeded-things',
        Key: { id: { S: 'thing-1' } },
        UpdateExpression: 'SET #c = :c',
        ExpressionAttributeNames: { '#c': 'count' },
        ExpressionAttributeValues: { ':c': { N: '42' } },
      }),
    );
    const service = seeded.services[0]!;
    const { template, custom } = await packagedAsRun(cacheDir);
    const seeds = readOfflineSeed('seeded', custom?.offlineSeed, template);
    await expect(writeOfflineSeed(seeds, service.provisioned, { endpoint: seeded.edgeUrl, region })).resolves.toEqual({
      written: 0,
      kept: 2,
    });
    expect(await itemOf('thing-1')).toMatchObject({ count: 42 });
  });

  it('keeps the seed out of the CloudFormation template', async () => {
    const template = JSON.stringify((await packagedAsRun(cacheDir)).template);
    expect(template).toContain('seeded-seeded-things');
    expect(template).not.toContain('thing-1');
    expect(template).not.toContain('offlineSeed');
  });
});

describe('a mesh started without seed', () => {
  let cacheDir: string;
  let mesh: StartedMesh;
  beforeAll(async () => {
    cacheDir = mkdtempSync(path.join(tmpdir(), 'mesh-noseed-'));
    mesh = await startMesh({
      rootDir: FIXTURE,
      stage: 'unseeded',
      cacheDir,
      edgePort: 0,
      httpPort: 0,
      websocketPort: 0,
    });
  }, 240_000);
  afterAll(async () => {
    await mesh?.stop();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('leaves the declared tables empty, as tests want them', async () => {
    const dynamo = new DynamoDBClient({ endpoint: mesh.edgeUrl, region, credentials });
    try {
      const { Count } = await dynamo.send(new ScanCommand({ TableName: 'seeded-unseeded-things', Select: 'COUNT' }));
      expect(Count).toBe(0);
      expect(mesh.services[0]!.seeded).toBeUndefined();
    } finally {
      dynamo.destroy();
    }
  });
});

/**
 * The template and custom section the runner read when the mesh started: the service is packaged once for any
 * stage (already cached by then) and read with this mesh's stage.
 */
async function packagedAsRun(cacheDir: string) {
  const packaged = await packageTemplate<CloudFormationTemplate>({
    rootDir: FIXTURE,
    serviceDir: path.join(FIXTURE, 'seeded'),
    stage: 'seeded',
    paramNames: [],
    cacheDir,
    anyStage: true,
  });
  expect(packaged.cached).toBe(true);
  return packaged;
}

describe('npm run dev, as a process', () => {
  let dir: string;
  beforeAll(() => {
    // A copy: the dev runner caches templates under <cwd>/.mesh, which must not land in the repository.
    dir = mkdtempSync(path.join(tmpdir(), 'mesh-dev-seed-'));
    cpSync(FIXTURE, dir, { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('seeds what the services declare, says so, and seeds nothing with --no-seed', async () => {
    const ports = ['--edge-port', '0', '--http-port', '0', '--ws-port', '0', '--no-console', '--stage', 'devseed'];
    const seeded = await runDevUntilReady(dir, ports);
    expect(seeded.err).toMatch(/✓ seed seeded\s+\d+\.\d s {2}2 written, 0 kept/);
    expect(seeded.out).toContain('seeded 2 item(s), kept 0 already there');

    const unseeded = await runDevUntilReady(dir, [...ports, '--no-seed']);
    expect(unseeded.err).not.toContain('seed seeded');
    expect(unseeded.out).not.toContain('seeded 2 item(s)');
  }, 240_000);
});

/** Runs `npm run dev` (scripts/dev.ts) in `cwd` until its ready banner, then stops it as Ctrl-C would. */
async function runDevUntilReady(cwd: string, args: string[]): Promise<{ out: string; err: string }> {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  // tsx's loader by its path: cwd is the copy, where no node_modules resolves `tsx`.
  const tsx = pathToFileURL(path.join(path.dirname(require.resolve('tsx/package.json')), 'dist/loader.mjs')).href;
  const child = spawn(process.execPath, ['--import', tsx, path.join(ROOT, 'scripts/dev.ts'), ...args], { cwd, env });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    await pollUntil('the ready banner', 180_000, async () => (out.includes('Mesh ready') ? true : undefined), {
      lastSeen: () => err.slice(-2_000),
    });
  } finally {
    child.kill('SIGINT');
  }
  expect(await exited).toBe(0);
  return { out, err };
}
