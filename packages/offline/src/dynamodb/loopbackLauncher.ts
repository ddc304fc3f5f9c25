import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JavaRuntime } from './javaRuntime';

const SOURCE = path.join(__dirname, 'LoopbackLauncher.java');

/** Where the launcher compiled from this source, for this Java and this jar, is kept (one per machine). */
function classDir(java: JavaRuntime, jar: string): string {
  const hash = createHash('sha256')
    .update(readFileSync(SOURCE))
    .update(`${java.version}\0${jar}\0${statSync(jar).size}`)
    .digest('hex')
    .slice(0, 12);
  return path.join(os.tmpdir(), `mesh-dynamodb-launcher-${hash}`);
}

/** `javac` beside the `java` in use (`java` from the PATH: `javac` from the PATH). */
function javacOf(javaPath: string): string {
  return path.isAbsolute(javaPath) ? path.join(path.dirname(javaPath), 'javac') : 'javac';
}

/**
 * The `java` arguments that run `LoopbackLauncher` (DynamoDB Local bound to one address) with `jar` on the
 * class path. Run as a source file, Java compiles it in memory at every start: about 1.5 s of CPU, the
 * biggest part of DynamoDB Local's start after the JVM's own, on the critical path of `npm run dev`. So the
 * first start runs the source while `javac` compiles it in the background, at the lowest priority, into the
 * temporary directory; every later start runs the class.
 *
 * @example
 * spawn(java.javaPath, [...launcherArgs(java, jarPath), '127.0.0.1', '-inMemory', '-port', '8000']);
 */
export function launcherArgs(java: JavaRuntime, jar: string): string[] {
  const dir = classDir(java, jar);
  if (existsSync(path.join(dir, 'LoopbackLauncher.class'))) {
    return ['-cp', `${jar}${path.delimiter}${dir}`, 'LoopbackLauncher'];
  }
  compileInBackground(java, jar, dir);
  return ['-cp', jar, SOURCE];
}

const COMPILE_STALE_MS = 120_000;

function compileInBackground(java: JavaRuntime, jar: string, dir: string): void {
  // One compilation at a time per machine: several starts at once (test workers) would each compile.
  const marker = `${dir}.compiling`;
  try {
    const since = statSync(marker, { throwIfNoEntry: false })?.mtimeMs;
    if (since !== undefined && Date.now() - since < COMPILE_STALE_MS) return;
    rmSync(marker, { recursive: true, force: true });
    mkdirSync(marker);
  } catch {
    return;
  }
  // A shell finishes the job (compile, move into place, clean up) even when this process ends first, at the
  // lowest priority: it must not slow the start it runs beside.
  const script = 'nice -n 19 "$1" -cp "$2" -d "$3/classes" "$4" && mv -T "$3/classes" "$5"; rm -rf "$3"';
  spawn('sh', ['-c', script, 'sh', javacOf(java.javaPath), jar, marker, SOURCE, dir], {
    stdio: 'ignore',
    detached: true,
  }).unref();
}
