/**
 * Each Lambda's bundle as it ships, what the Powertools layer adds to it, and what both cost to load:
 * - every service of serverless-compose.yml is packaged (`serverless package`, serverless-esbuild with the
 *   shared `meshEsbuild` settings); each function's handler `.js` is read from the service's zip (its size,
 *   and its compressed size in the zip): that is all the function deploys of its own;
 * - the layer's share: the modules the function requires from the Powertools layer (`POWERTOOLS_LAYER_MODULES`:
 *   Powertools and the X-Ray SDK), bundled alone with the same settings (`require`d, as the bundle does, so
 *   each package's CommonJS build whole: what Node loads from the layer on a cold start). The layer itself
 *   ships them unminified in its own zip, shared by every function;
 * - module init: the time to `require` the handler's `.js` in a fresh Node 22 process (the Lambda runtime's
 *   major), median of a few runs, with the layer's modules loaded as the runtime loads them: from
 *   node_modules, which holds the layer's release (`POWERTOOLS_VERSION`, held equal by a unit test);
 *   `@aws-sdk/*` is left out of bundles (the runtime ships it) and is loaded from there too. The layer's share
 *   of it: the time to `require` its modules alone, the same way;
 * - the biggest contributors to the bundle and to the layer's share: the same entries bundled by esbuild with
 *   the same settings and a metafile, bytes in the output grouped by package.
 *
 * Run: `npx tsx bench/src/bundles.ts`
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { meshEsbuild, POWERTOOLS_LAYER_MODULES, runServerlessPackage } from '@mesh/infra';
import { readComposeFile } from '@mesh/offline';
import { resolveFauxqsNode } from '@mesh/offline';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const OUT = path.join(ROOT, '.mesh/bench-bundles');
/** Issue 7's budget for one function's minified bundle. */
export const BUNDLE_TARGET_BYTES = 200 * 1024;

export interface FunctionBundle {
  service: string;
  function: string;
  /** The handler's `.js` in the package, minified: what the function deploys of its own. */
  bundleBytes: number;
  /** Its deflated size in the service's zip. */
  zippedBytes: number;
  /** What it requires from the Powertools layer, as its bundle names them. */
  layerModules: string[];
  /** Those modules bundled alone, minified with the same settings: what the layer supplies to it. */
  layerBytes: number;
  /** Median ms to require the bundle in a fresh Node 22 process, the layer's modules with it. */
  initMs: number;
  /** Median ms to require only its layer modules, the same way: the layer's share of `initMs`. */
  layerInitMs: number;
  /** Why it could not be loaded, if it threw at load. */
  initError?: string;
  /** Its own bundle over issue 7's budget (the layer's share is not in its zip, and is reported apart). */
  overTarget: boolean;
  /** The biggest packages in its bundle: bytes in the output, largest first. */
  contributors: { module: string; bytes: number }[];
  /** The biggest packages of the layer's share, the same way. */
  layerContributors: { module: string; bytes: number }[];
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

/** The entries of a zip file, from its central directory (no zip64: our packages are far below 4 GiB). */
function zipEntries(zip: Buffer): ZipEntry[] {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end -= 1;
  if (end < 0) throw new Error('not a zip file');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    entries.push({
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      localHeaderOffset: zip.readUInt32LE(at + 42),
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function unzipEntry(zip: Buffer, entry: ZipEntry): Buffer {
  const start =
    entry.localHeaderOffset +
    30 +
    zip.readUInt16LE(entry.localHeaderOffset + 26) +
    zip.readUInt16LE(entry.localHeaderOffset + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  return entry.method === 0 ? Buffer.from(data) : inflateRawSync(data);
}

interface PackagedFunction {
  name: string;
  /** e.g. `src/functions/orderLifecycle/handler` */
  handlerModule: string;
  zip: string;
  /** Its environment, with intrinsics (`Ref`, `Fn::GetAtt`) replaced by placeholders. */
  environment: Record<string, string>;
}

/** A placeholder for a value CloudFormation would resolve at deploy time (a table name, a queue URL). */
function placeholder(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  const ref = (value as { Ref?: string; 'Fn::GetAtt'?: string[] } | null) ?? {};
  return `bench-${ref.Ref ?? ref['Fn::GetAtt']?.join('-') ?? 'value'}`;
}

async function packageService(dir: string, out: string): Promise<PackagedFunction[]> {
  // The code artifacts are what this bench measures: a packaging of its own, not the cached templates'.
  await runServerlessPackage({ serviceDir: dir, stage: 'bench', outDir: out, timeoutMs: 300_000 });
  const template = JSON.parse(readFileSync(path.join(out, 'cloudformation-template-update-stack.json'), 'utf8')) as {
    Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  };
  return Object.values(template.Resources)
    .filter((r) => r.Type === 'AWS::Lambda::Function')
    .map((r) => {
      const { FunctionName, Handler, Code, Environment } = r.Properties as {
        FunctionName: string;
        Handler: string;
        Code: { S3Key: string };
        Environment?: { Variables?: Record<string, unknown> };
      };
      return {
        name: FunctionName,
        environment: Object.fromEntries(
          Object.entries(Environment?.Variables ?? {}).map(([name, value]) => [name, placeholder(value)]),
        ),
        handlerModule: Handler.slice(0, Handler.lastIndexOf('.')),
        zip: path.join(out, path.basename(Code.S3Key)),
      };
    });
}

/** Bytes of the output per package (`node_modules/<pkg>`, a workspace package, or the service's own code). */
function contributorsOf(metafile: Metafile, top = 6): { module: string; bytes: number }[] {
  const byModule = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const tail = input.includes('node_modules/') ? input.slice(input.lastIndexOf('node_modules/') + 13) : undefined;
      const workspace = /^(?:\.\.\/)*(packages\/[^/]+|services\/[^/]+)/.exec(input);
      const module = !tail
        ? (workspace?.[1] ?? 'the service')
        : tail.startsWith('zod/v4/locales/')
          ? 'zod (locales)'
          : tail
              .split('/')
              .slice(0, tail.startsWith('@') ? 2 : 1)
              .join('/');
      byModule.set(module, (byModule.get(module) ?? 0) + bytesInOutput);
    }
  }
  return [...byModule]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([module, bytes]) => ({ module, bytes }));
}

/** Whether `specifier` is one of the layer's modules or a subpath of one (`@aws-lambda-powertools/idempotency/dynamodb`). */
function fromLayer(specifier: string): boolean {
  return POWERTOOLS_LAYER_MODULES.some((module) => specifier === module || specifier.startsWith(`${module}/`));
}

// `exclude` and `watch` are serverless-esbuild's, not esbuild's.
const { exclude, watch: _watch, ...esbuildOptions } = meshEsbuild;
const bundledBytes = (metafile: Metafile) => Object.values(metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);

/**
 * The handler's source entry, bundled by esbuild with the services' settings: its metafile, and the layer's
 * modules it requires (the externals of its bundle that the layer supplies).
 */
async function analyse(
  serviceDir: string,
  handlerModule: string,
): Promise<{ metafile: Metafile; layerModules: string[] }> {
  const entry = ['.ts', '.js', '.mjs']
    .map((extension) => path.join(serviceDir, `${handlerModule}${extension}`))
    .find((file) => existsSync(file));
  if (!entry) throw new Error(`no source for ${handlerModule} in ${serviceDir}`);
  const { metafile } = await build({
    ...esbuildOptions,
    sourcemap: false,
    entryPoints: [entry],
    external: [...exclude],
    absWorkingDir: serviceDir,
    write: false,
    outdir: 'out',
    metafile: true,
    logLevel: 'silent',
  });
  // The output's imports, not the inputs': a module tree-shaken away leaves no require behind.
  const layerModules = new Set(
    Object.values(metafile.outputs).flatMap((output) =>
      output.imports.filter((i) => i.external && fromLayer(i.path)).map((i) => i.path),
    ),
  );
  return { metafile, layerModules: [...layerModules].sort() };
}

/** A module that requires each of `modules`, as the handler's bundle does. */
const requiring = (modules: string[]) => modules.map((m) => `require(${JSON.stringify(m)});`).join('\n');

/**
 * The layer's share of a function: its layer modules bundled alone with the services' settings (the SDK left
 * out, as in the function's bundle), with a metafile for its contributors.
 */
async function layerShare(serviceDir: string, modules: string[]): Promise<Metafile | undefined> {
  if (modules.length === 0) return undefined;
  const { metafile } = await build({
    ...esbuildOptions,
    sourcemap: false,
    stdin: { contents: requiring(modules), resolveDir: serviceDir, sourcefile: 'layer-modules.js', loader: 'js' },
    external: exclude.filter((pattern) => !fromLayer(pattern)),
    absWorkingDir: serviceDir,
    write: false,
    outdir: 'out',
    metafile: true,
    logLevel: 'silent',
  });
  return metafile;
}

/**
 * Median ms to require `file` in a fresh Node process (`runs` processes), with the function's environment
 * (source maps off: `--enable-source-maps` is the services' choice, and costs only when an error is
 * printed). A module that throws at load gets `NaN` and its error's first line.
 */
async function initTime(
  node: string,
  file: string,
  environment: Record<string, string>,
  runs: number,
): Promise<{ ms: number; error?: string }> {
  const script = `const { performance } = require('node:perf_hooks'); const t = performance.now(); require(${JSON.stringify(file)}); process.stdout.write(String(performance.now() - t));`;
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    let stdout: string;
    try {
      ({ stdout } = await run(node, ['-e', script], {
        cwd: path.dirname(file),
        env: {
          ...environment,
          NODE_OPTIONS: '',
          PATH: process.env.PATH ?? '',
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: 'bench',
          AWS_SECRET_ACCESS_KEY: 'bench',
          POWERTOOLS_LOG_LEVEL: 'SILENT',
        },
        timeout: 30_000,
        maxBuffer: 16 * 1024 * 1024,
      }));
    } catch (error) {
      const stderr = String((error as { stderr?: unknown }).stderr ?? error);
      return { ms: Number.NaN, error: /^\w*Error\b.*$/m.exec(stderr)?.[0] ?? stderr.slice(0, 200) };
    }
    times.push(Number(stdout));
  }
  times.sort((a, b) => a - b);
  return { ms: Math.round(times[Math.floor(times.length / 2)]! * 10) / 10 };
}

export async function benchBundles(runs = 5): Promise<FunctionBundle[]> {
  const node = resolveFauxqsNode();
  const results: FunctionBundle[] = [];
  const packages = mkdtempSync(path.join(tmpdir(), 'mesh-bench-package-'));
  try {
    for (const service of readComposeFile(path.join(ROOT, 'serverless-compose.yml'))) {
      const out = path.join(packages, service.name);
      const functions = await packageService(service.dir, out);
      for (const fn of functions) {
        const zip = readFileSync(fn.zip);
        const entries = zipEntries(zip);
        const entry = entries.find((e) => e.name === `${fn.handlerModule}.js`);
        if (!entry) throw new Error(`${fn.handlerModule}.js is not in ${fn.zip}`);
        const packagedFromLayer = entries.filter((e) => fromLayer(e.name.replace(/^node_modules\//, '')));
        if (packagedFromLayer.length > 0) {
          throw new Error(
            `${fn.zip} packages what the layer supplies: ${packagedFromLayer.map((e) => e.name).join(', ')}`,
          );
        }
        const file = path.join(OUT, service.name, `${fn.handlerModule}.js`);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, unzipEntry(zip, entry));
        const { metafile, layerModules } = await analyse(service.dir, fn.handlerModule);
        const layer = await layerShare(service.dir, layerModules);
        // Beside the bundle, so that it resolves the layer's modules from the same node_modules.
        const layerFile = path.join(OUT, service.name, `${fn.handlerModule}.layer-modules.js`);
        writeFileSync(layerFile, requiring(layerModules));
        const init = await initTime(node, file, fn.environment, runs);
        const layerInit = await initTime(node, layerFile, fn.environment, runs);
        results.push({
          service: service.name,
          function: fn.name,
          bundleBytes: entry.size,
          zippedBytes: entry.compressedSize,
          layerModules,
          layerBytes: layer ? bundledBytes(layer) : 0,
          initMs: init.ms,
          layerInitMs: layerInit.ms,
          ...(init.error || layerInit.error ? { initError: init.error ?? `layer modules: ${layerInit.error}` } : {}),
          overTarget: entry.size > BUNDLE_TARGET_BYTES,
          contributors: contributorsOf(metafile),
          layerContributors: layer ? contributorsOf(layer) : [],
        });
      }
    }
  } finally {
    rmSync(packages, { recursive: true, force: true });
  }
  return results;
}

/** One row per function: its own bundle, the layer's share beside it, and what each costs to load. */
function bundleRows(bundles: FunctionBundle[]) {
  const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
  const top = (contributors: { module: string; bytes: number }[]) =>
    contributors
      .slice(0, 3)
      .map((c) => `${c.module} ${kb(c.bytes)}`)
      .join(', ');
  return bundles.map((b) => ({
    function: b.function,
    KB: kb(b.bundleBytes),
    zippedKB: kb(b.zippedBytes),
    'layer KB': kb(b.layerBytes),
    initMs: b.initMs,
    'of which layer': b.layerInitMs,
    over: b.overTarget ? 'OVER' : '',
    biggest: top(b.contributors),
    'layer biggest': top(b.layerContributors),
  }));
}

if (require.main === module) {
  benchBundles().then(
    (bundles) => console.table(bundleRows(bundles)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
