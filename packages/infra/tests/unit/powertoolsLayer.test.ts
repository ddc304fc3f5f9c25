import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  meshEsbuild,
  meshProvider,
  POWERTOOLS_LAYER_MODULES,
  POWERTOOLS_LAYER_PACKAGES,
  POWERTOOLS_LAYER_PARAMETER,
  POWERTOOLS_VERSION,
} from '../../src';

const ROOT = path.resolve(__dirname, '../../../..');

/** Every copy of a Powertools package package-lock.json installs: its name, where, and its release. */
function installedPowertools(): { name: string; where: string; version?: string }[] {
  const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string }>;
  };
  return Object.entries(lock.packages).flatMap(([where, { version }]) => {
    const name = /(?:^|\/)node_modules\/(@aws-lambda-powertools\/[^/]+)$/.exec(where)?.[1];
    return name ? [{ name, where, version }] : [];
  });
}

describe('the Powertools layer', () => {
  it('carries the one Powertools release package-lock.json installs, so the code runs on what it was tested with', () => {
    const installed = installedPowertools();
    expect(installed.length).toBeGreaterThan(0);
    expect(installed.filter((p) => p.version !== POWERTOOLS_VERSION)).toEqual([]);
  });

  it('has that release in node_modules too, where offline and the bench load the layer modules from', () => {
    const stale = [...new Set(installedPowertools().map((p) => p.name))]
      .map((name) => path.join(ROOT, 'node_modules', name, 'package.json'))
      .filter((manifest) => existsSync(manifest))
      .map((manifest) => JSON.parse(readFileSync(manifest, 'utf8')) as { name: string; version: string })
      .filter((manifest) => manifest.version !== POWERTOOLS_VERSION);
    expect(stale).toEqual([]);
  });

  it('ships every Powertools package installed, so the bundles leave none to a layer without it', () => {
    const layer: readonly string[] = POWERTOOLS_LAYER_PACKAGES;
    const missing = [...new Set(installedPowertools().map((p) => p.name))].filter((name) => !layer.includes(name));
    expect(missing).toEqual([]);
  });

  it("is that release's layer on every function, resolved in the stack's region when it deploys", () => {
    expect(POWERTOOLS_LAYER_PARAMETER).toBe(`/aws/service/powertools/typescript/generic/all/${POWERTOOLS_VERSION}`);
    expect(meshProvider.layers).toEqual([{ 'Fn::Sub': `{{resolve:ssm:${POWERTOOLS_LAYER_PARAMETER}}}` }]);
  });

  it('keeps Powertools and the X-Ray SDK out of every bundle and zip, as the SDK the runtime ships', () => {
    expect(meshEsbuild.exclude).toEqual(['@aws-sdk/*', ...POWERTOOLS_LAYER_MODULES]);
    expect(POWERTOOLS_LAYER_MODULES).toContain('aws-xray-sdk-core');
  });
});
