import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hashServiceSources } from '../../src/sourceHash';

describe('hashServiceSources', () => {
  let root: string;
  const service = () => path.join(root, 'services/loans');
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'hash-'));
    mkdirSync(path.join(root, 'services/loans/src'), { recursive: true });
    mkdirSync(path.join(root, 'packages/lib/src'), { recursive: true });
    mkdirSync(path.join(root, 'packages/other/src'), { recursive: true });
    writeFileSync(path.join(root, 'services/loans/package.json'), JSON.stringify({ dependencies: { '@x/lib': '*' } }));
    writeFileSync(path.join(root, 'services/loans/serverless.ts'), 'module.exports = {}');
    writeFileSync(path.join(root, 'services/loans/src/handler.ts'), 'export {}');
    writeFileSync(path.join(root, 'packages/lib/package.json'), JSON.stringify({ name: '@x/lib' }));
    writeFileSync(path.join(root, 'packages/lib/src/index.ts'), 'export const a = 1;');
    writeFileSync(path.join(root, 'packages/other/package.json'), JSON.stringify({ name: '@x/other' }));
    writeFileSync(path.join(root, 'packages/other/src/index.ts'), 'export const b = 1;');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const hash = (extra: unknown = { stage: 'dev' }) => hashServiceSources(root, service(), extra);

  it('is stable while nothing changes', () => {
    expect(hash()).toBe(hash());
  });

  it('changes with the config, a source, a workspace dependency, the stage or the params', () => {
    const before = hash();
    writeFileSync(path.join(root, 'services/loans/src/handler.ts'), 'export const x = 1;');
    const afterSource = hash();
    expect(afterSource).not.toBe(before);
    writeFileSync(path.join(root, 'packages/lib/src/index.ts'), 'export const a = 2;');
    expect(hash()).not.toBe(afterSource);
    expect(hash({ stage: 'e2e' })).not.toBe(hash({ stage: 'dev' }));
    expect(hash({ stage: 'dev', params: { a: '1' } })).not.toBe(hash({ stage: 'dev', params: { a: '2' } }));
  });

  it('ignores tests, build output and packages the service does not use', () => {
    const before = hash();
    mkdirSync(path.join(root, 'services/loans/tests'), { recursive: true });
    writeFileSync(path.join(root, 'services/loans/tests/a.test.ts'), 'test');
    mkdirSync(path.join(root, 'services/loans/.esbuild'), { recursive: true });
    writeFileSync(path.join(root, 'services/loans/.esbuild/out.js'), 'x');
    writeFileSync(path.join(root, 'packages/other/src/index.ts'), 'export const b = 2;');
    expect(hash()).toBe(before);
  });
});
