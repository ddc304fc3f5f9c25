import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient, GetItemCommand, ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { StepEvent } from '@mesh/cli';
import { readOfflineSeed, startMesh, writeOfflineSeed, type StartedMesh } from '../../../src/runner';

const FIXTURE = path.resolve(__dirname, 'fixtures/seeded-mesh');
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
    const template = JSON.parse(readFileSync(cachedTemplatePath(cacheDir), 'utf8'));
    const seeds = readOfflineSeed('seeded', declaredSeed(), template);
    await expect(writeOfflineSeed(seeds, service.provisioned, { endpoint: seeded.edgeUrl, region })).resolves.toEqual({
      written: 0,
      kept: 2,
    });
    expect(await itemOf('thing-1')).toMatchObject({ count: 42 });
  });

  it('keeps the seed out of the CloudFormation template', () => {
    const template = readFileSync(cachedTemplatePath(cacheDir), 'utf8');
    expect(template).toContain('seeded-seeded-things');
    expect(template).not.toContain('thing-1');
    expect(template).not.toContain('offlineSeed');
  });

  /** The seed as the packaged service state holds it, which is what the runner reads. */
  function declaredSeed(): unknown {
    const state = JSON.parse(
      readFileSync(path.join(path.dirname(cachedTemplatePath(cacheDir)), 'serverless-state.json'), 'utf8'),
    ) as { service: { custom: { offlineSeed: unknown } } };
    return state.service.custom.offlineSeed;
  }
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

/** `<cacheDir>/seeded/<stage>/<hash>/cloudformation-template-update-stack.json`, the one template cached. */
function cachedTemplatePath(cacheDir: string): string {
  const stageDir = path.join(cacheDir, 'seeded', 'seeded');
  const [hash] = readdirSync(stageDir).filter((entry) => !entry.startsWith('.'));
  return path.join(stageDir, hash!, 'cloudformation-template-update-stack.json');
}
