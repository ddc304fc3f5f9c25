import { spawn } from 'node:child_process';
import path from 'node:path';
import { ServicePackageError } from '../errors';
import { ESBUILD_WORK_FOLDER_PRELOAD, paramArgs, serverlessCliEnv, serverlessCliPath } from './serverlessCli';

export interface RunServerlessPackageOptions {
  serviceDir: string;
  stage: string;
  region?: string;
  params?: Record<string, string>;
  /** Where the CloudFormation template, the state file and the code artifacts are written. */
  outDir: string;
  /** Node's on-disk compile cache for the CLI's modules (`NODE_COMPILE_CACHE`), e.g. `<root>/.mesh/node-compile-cache`. */
  compileCacheDir?: string;
  timeoutMs?: number;
}

const OUTPUT_TAIL_CHARS = 6_000;
const DEFAULT_TIMEOUT_MS = 180_000;
let runs = 0;

/**
 * Runs the pinned Serverless CLI's `serverless package` for a service into `outDir`, with the environment it
 * needs on a machine without AWS (dummy credentials, no metadata probe, no telemetry) and a bundle folder of
 * its own (serverless-esbuild's default `.esbuild` is deleted when a packaging ends, under whoever else
 * uses it). The one way this repository packages a service: the dev runner, the tests and the bench call it.
 * Resolves with the CLI's output; rejects with {@link ServicePackageError} (and the output's tail).
 *
 * @example
 * await runServerlessPackage({ serviceDir: 'services/reminders', stage: 'ci', outDir: '/tmp/out' });
 */
export function runServerlessPackage(options: RunServerlessPackageOptions): Promise<string> {
  const { serviceDir, stage, outDir } = options;
  const region = options.region ?? 'us-east-1';
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const name = path.basename(serviceDir);
  runs += 1;
  const args = [
    '--require',
    ESBUILD_WORK_FOLDER_PRELOAD,
    serverlessCliPath(),
    'package',
    '--stage',
    stage,
    '--region',
    region,
    '--package',
    outDir,
    ...paramArgs(options.params ?? {}),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: serviceDir,
      env: serverlessCliEnv(region, {
        MESH_ESBUILD_WORK_FOLDER: `.mesh/esbuild-package-${process.pid}-${runs}`,
        ...(options.compileCacheDir ? { NODE_COMPILE_CACHE: options.compileCacheDir } : {}),
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      keep(Buffer.from(`\n(timed out after ${timeoutMs} ms)`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new ServicePackageError(`could not run serverless package for ${name}: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else
        reject(
          new ServicePackageError(
            `serverless package failed for ${name} in ${serviceDir} (code ${code}, signal ${signal}):\n${output.trim()}`,
          ),
        );
    });
  });
}
