import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { packageTemplate } from '../../src';

const ROOT = path.resolve(__dirname, '../../../..');
const SERVICE = path.join(__dirname, 'fixtures/anyStage');

interface Template {
  Resources: Record<string, { Properties?: { TableName?: string } }>;
}

/** One `serverless package` serves every stage of an offline mesh: the stage goes in as params do. */
describe('packaging a service for any stage', () => {
  let cacheDir: string;
  beforeAll(() => {
    cacheDir = mkdtempSync(path.join(tmpdir(), 'mesh-any-stage-'));
  });
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

  const packaged = (stage: string) =>
    packageTemplate<Template>({ rootDir: ROOT, serviceDir: SERVICE, stage, cacheDir, anyStage: true });

  it('packages once, then names each stage in the template and the custom section from the cache', async () => {
    const first = await packaged('alpha');
    const second = await packaged('beta');

    expect([first.cached, second.cached]).toEqual([false, true]);
    expect(first.hash).toBe(second.hash);
    expect(first.template.Resources.ThingsTable?.Properties?.TableName).toBe('widgets-alpha-things');
    expect(second.template.Resources.ThingsTable?.Properties?.TableName).toBe('widgets-beta-things');
    expect(second.custom).toMatchObject({ tableOfStage: 'widgets-beta-things' });
    expect(JSON.stringify(second)).not.toContain('anystage0');
  }, 180_000);

  it('packages with the stage itself when not asked for any stage', async () => {
    const own = await packageTemplate<Template>({ rootDir: ROOT, serviceDir: SERVICE, stage: 'gamma', cacheDir });

    expect(own.cached).toBe(false);
    expect(own.template.Resources.ThingsTable?.Properties?.TableName).toBe('widgets-gamma-things');
  }, 180_000);
});
