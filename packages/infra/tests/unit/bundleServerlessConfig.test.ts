import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleServerlessConfig, SERVERLESS_CONFIG_BUNDLE } from '../../src';

const SERVICE = path.join(__dirname, '../fixtures/configService');

/** What a module's default export is, evaluated by a fresh Node with `args` on its command line. */
function evaluate(script: string, args: string[]): unknown {
  const output = execFileSync(process.execPath, ['-e', script, '--', ...args], { cwd: SERVICE, encoding: 'utf8' });
  return JSON.parse(output);
}

describe('bundleServerlessConfig', () => {
  let outDir: string;
  beforeEach(() => {
    outDir = mkdtempSync(path.join(os.tmpdir(), 'config-bundle-'));
  });
  afterEach(() => rmSync(outDir, { recursive: true, force: true }));

  it('bundles serverless.ts into one file that evaluates to the configuration serverless.ts exports', async () => {
    const bundle = await bundleServerlessConfig({ serviceDir: SERVICE, outDir });
    expect(bundle).toBe(path.join(outDir, SERVERLESS_CONFIG_BUNDLE));

    // As the Serverless CLI loads serverless.ts (tsx's require), and as the mesh's preload loads the bundle.
    const viaTsx = `const c = require('tsx/cjs/api').require('./serverless.ts', __filename); console.log(JSON.stringify(c.default ?? c))`;
    const viaBundle = `const c = require(${JSON.stringify(bundle)}); console.log(JSON.stringify(c.default ?? c))`;
    const expected = evaluate(viaTsx, ['offline', 'start']);
    expect(evaluate(viaBundle, ['offline', 'start'])).toEqual(expected);
    // The command line is read when the bundle loads, not when it is built.
    expect(evaluate(viaBundle, ['offline', 'start'])).toMatchObject({ custom: { loadedBy: 'offline' } });
    expect(evaluate(viaBundle, ['package'])).toMatchObject({ custom: { loadedBy: 'other' } });
  });

  it('has nothing to bundle for a service without serverless.ts', async () => {
    await expect(bundleServerlessConfig({ serviceDir: outDir, outDir })).resolves.toBeUndefined();
  });
});
