/**
 * Each Lambda's bundle as it ships, and what it costs to load:
 * - every service of serverless-compose.yml is packaged (`serverless package`, serverless-esbuild with the
 *   shared `meshEsbuild` settings); each function's handler `.js` is read from the service's zip (its size,
 *   and its compressed size in the zip);
 * - module init: the time to `require` that `.js` in a fresh Node 22 process (the Lambda runtime's major),
 *   median of a few runs; `@aws-sdk/*` is left out of bundles (the runtime ships it) and is loaded from the
 *   repository's node_modules, as the runtime loads its own copy;
 * - the biggest contributors to each bundle: the same entry bundled by esbuild with the same settings and a
 *   metafile, bytes in the output grouped by package.
 *
 * Run: `npx tsx packages/offline/bench/bundles.ts`
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import { build, type Metafile, type Plugin } from 'esbuild';
import { meshEsbuild } from '@mesh/infra';
import { readComposeFile } from '../src/runner';
import { serverlessCliEnv, serverlessCliPath } from '../src/runner/serverlessCli';
import { OFFLINE_PRELOAD } from '../src/runner/startOfflineService';
import { resolveFauxqsNode } from '../src/sqs/resolveFauxqsNode';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');
const OUT = path.join(ROOT, '.mesh/bench-bundles');
/** Issue 7's budget for one function's minified bundle. */
export const BUNDLE_TARGET_BYTES = 200 * 1024;

export interface FunctionBundle {
  service: string;
  function: string;
  /** The handler's `.js` in the package, minified. */
  bundleBytes: number;
  /** Its deflated size in the service's zip. */
  zippedBytes: number;
  /** Median ms to require it in a fresh Node 22 process. */
  initMs: number;
  /** Why it could not be loaded, if it threw at load. */
  initError?: string;
  overTarget: boolean;
  /** Its size (esbuild, same settings) if our sources imported zod as `import * as z from 'zod'`. */
  namespaceZodBytes: number;
  /** The biggest packages in it: bytes in the output, largest first. */
  contributors: { module: string; bytes: number }[];
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
  // The preload gives the CLI a bundle folder of its own: the default one (`.esbuild`) is deleted when
  // packaging ends, and may be another packaging's or a running serverless-offline's.
  await run(
    process.execPath,
    ['--require', OFFLINE_PRELOAD, serverlessCliPath(), 'package', '--stage', 'bench', '--package', out],
    {
      cwd: dir,
      timeout: 300_000,
      maxBuffer: 16 * 1024 * 1024,
      env: serverlessCliEnv('us-east-1', { MESH_ESBUILD_WORK_FOLDER: `.mesh/esbuild-package-${process.pid}` }),
    },
  );
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

/**
 * `import { z } from 'zod'` binds zod's whole namespace object (every locale, JSON Schema conversion both
 * ways), which esbuild cannot tree-shake; `import * as z from 'zod'` lets it keep what is used. This
 * plugin rewrites the first into the second in our sources, to measure what that one-line change saves.
 */
const namespaceZod: Plugin = {
  name: 'namespace-zod',
  setup(builder) {
    builder.onLoad({ filter: /[/\\](packages|services)[/\\][^/\\]+[/\\]src[/\\].*\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replace(/import \{ z \} from 'zod';/g, "import * as z from 'zod';"),
      loader: 'ts',
    }));
  },
};

/**
 * The handler's source entry, bundled by esbuild with the services' settings: its metafile, and its size with
 * zod imported as a namespace (see {@link namespaceZod}).
 */
async function analyse(
  serviceDir: string,
  handlerModule: string,
): Promise<{ metafile: Metafile; namespaceZodBytes: number }> {
  const entry = ['.ts', '.js', '.mjs']
    .map((extension) => path.join(serviceDir, `${handlerModule}${extension}`))
    .find((file) => {
      try {
        readFileSync(file);
        return true;
      } catch {
        return false;
      }
    });
  if (!entry) throw new Error(`no source for ${handlerModule} in ${serviceDir}`);
  const { exclude, ...options } = meshEsbuild;
  const bundle = (plugins: Plugin[]) =>
    build({
      ...options,
      sourcemap: false,
      entryPoints: [entry],
      external: [...exclude],
      absWorkingDir: serviceDir,
      write: false,
      outdir: 'out',
      metafile: true,
      logLevel: 'silent',
      plugins,
    });
  const [asIs, namespaced] = await Promise.all([bundle([]), bundle([namespaceZod])]);
  const bytes = (metafile: Metafile) => Object.values(metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
  return { metafile: asIs.metafile, namespaceZodBytes: bytes(namespaced.metafile) };
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
        const entry = zipEntries(zip).find((e) => e.name === `${fn.handlerModule}.js`);
        if (!entry) throw new Error(`${fn.handlerModule}.js is not in ${fn.zip}`);
        const file = path.join(OUT, service.name, `${fn.handlerModule}.js`);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, unzipEntry(zip, entry));
        const init = await initTime(node, file, fn.environment, runs);
        const { metafile, namespaceZodBytes } = await analyse(service.dir, fn.handlerModule);
        results.push({
          service: service.name,
          function: fn.name,
          bundleBytes: entry.size,
          zippedBytes: entry.compressedSize,
          initMs: init.ms,
          ...(init.error ? { initError: init.error } : {}),
          overTarget: entry.size > BUNDLE_TARGET_BYTES,
          namespaceZodBytes,
          contributors: contributorsOf(metafile),
        });
      }
    }
  } finally {
    rmSync(packages, { recursive: true, force: true });
  }
  return results;
}

if (require.main === module) {
  benchBundles().then(
    (bundles) => {
      console.table(
        bundles.map(({ contributors, ...b }) => ({
          ...b,
          biggest: contributors
            .slice(0, 3)
            .map((c) => `${c.module} ${Math.round(c.bytes / 1024)} KB`)
            .join(', '),
        })),
      );
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
