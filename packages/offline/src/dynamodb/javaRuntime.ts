import { execFile } from 'node:child_process';
import { JavaUnavailableError } from './errors';

/** What we learned about a Java runtime before starting DynamoDB Local on it. */
export interface JavaRuntime {
  javaPath: string;
  /** e.g. `17.0.15` */
  version: string;
  major: number;
  /**
   * Whether the runtime can launch a `.java` source file (the `jdk.compiler` module, present in a JDK but not in
   * a bare JRE). We need it to bind DynamoDB Local to one address: see `loopbackLauncher`.
   */
  canRunSourceFiles: boolean;
}

export const MINIMUM_JAVA_MAJOR = 17;

interface RunResult {
  code: number | null;
  output: string;
  /** Set when the binary could not be run at all (ENOENT, EACCES, ...). */
  spawnError?: string;
}

function run(javaPath: string, args: string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(javaPath, args, { timeout: 15_000 }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (error && typeof error.code === 'string') resolve({ code: null, output, spawnError: error.code });
      else resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output });
    });
  });
}

/** `1.8.0_422` → 8, `17.0.15` → 17, `21` → 21. */
export function javaMajor(version: string): number {
  const [first, second] = version.split(/[.+_-]/);
  const major = Number(first === '1' ? second : first);
  return Number.isFinite(major) ? major : 0;
}

/**
 * Checks that `javaPath` runs and is Java 17 or newer, or throws a {@link JavaUnavailableError} saying how to
 * install one.
 *
 * @example
 * const java = await detectJava('java'); // { version: '17.0.15', major: 17, canRunSourceFiles: true, ... }
 */
export async function detectJava(javaPath = 'java'): Promise<JavaRuntime> {
  // One call answers both questions on Java 9+; Java 8 rejects the flag and falls through to -version.
  const modules = await run(javaPath, ['--list-modules']);
  if (modules.spawnError) {
    if (modules.spawnError === 'ENOENT' || modules.spawnError === 'EACCES') {
      throw new JavaUnavailableError(javaPath, 'missing');
    }
    throw new JavaUnavailableError(javaPath, 'unreadable');
  }
  const base = /^java\.base@(\S+)/m.exec(modules.output);
  if (modules.code === 0 && base?.[1]) {
    const version = base[1];
    const major = javaMajor(version);
    if (major < MINIMUM_JAVA_MAJOR) throw new JavaUnavailableError(javaPath, 'too-old', version);
    return { javaPath, version, major, canRunSourceFiles: /^jdk\.compiler@/m.test(modules.output) };
  }
  const legacy = await run(javaPath, ['-version']);
  const quoted = /version "([^"]+)"/.exec(legacy.output);
  if (!quoted?.[1]) throw new JavaUnavailableError(javaPath, 'unreadable');
  throw new JavaUnavailableError(javaPath, 'too-old', quoted[1]);
}
