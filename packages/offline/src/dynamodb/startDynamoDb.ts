import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDbStartError } from './errors';
import { detectJava } from './javaRuntime';
import { launcherArgs } from './loopbackLauncher';

export interface StartDynamoDbOptions {
  /** Port to listen on; a free one by default. */
  port?: number;
  /**
   * Address to listen on, `127.0.0.1` by default. DynamoDB Local itself always listens on every interface; a
   * specific address is honoured through `LoopbackLauncher.java`, which needs a JDK (see `listensOn`).
   * `0.0.0.0` asks for every interface.
   */
  host?: string;
  /** Keep the tables in this directory (created if missing) instead of in memory. */
  persistDir?: string;
  /** The java binary, `java` (from PATH) by default. */
  javaPath?: string;
  /** Give up if DynamoDB Local has not answered ListTables by then. Default 90 s. */
  startTimeoutMs?: number;
  /** The directory holding DynamoDBLocal.jar; the one shipped in `amplify-dynamodb-simulator` by default. */
  emulatorDir?: string;
}

export interface StartedDynamoDb {
  /** e.g. `http://127.0.0.1:8000`, for an SDK client's `endpoint`. */
  endpoint: string;
  port: number;
  /** The JVM's process id. */
  pid: number;
  /**
   * The address DynamoDB Local actually listens on: the requested host, or `*` (every interface) when the Java
   * runtime cannot run `LoopbackLauncher.java` (a bare JRE has no `jdk.compiler`).
   */
  listensOn: string;
  /** Milliseconds from spawning the JVM to its first answered ListTables. */
  startupMs: number;
  /** Stops the JVM and waits for it to exit; safe to call twice. */
  stop(): Promise<void>;
}

// A JVM start takes 2–3 s on a quiet machine and was seen over 30 s on two cores shared with 20 busy processes.
const DEFAULT_START_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 10_000;
const OUTPUT_TAIL_CHARS = 4_000;
const PORT_RACE_RETRIES = 3;
const EVERY_INTERFACE = new Set(['0.0.0.0', '::', '*']);
/**
 * The JVM's quick compiler only, and its simplest collector. DynamoDB Local's runs offline are short and small:
 * a test file, a dev session, a benchmark of some thousand requests. On 2 cores (measured on a quiet machine) they
 * halve the JVM's CPU to start (3.3 → 1.6 s; first answer 2.3 → 1.5 s) and to serve 6,300 requests right after
 * (9.1 → 4.5 s: the optimising compiler's own work never paid back at this scale), and the start no longer
 * starves the processes starting beside it.
 */
const JVM_FLAGS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

/**
 * A POSIX shell stands between us and the JVM so the JVM dies with us even if we are SIGKILLed: it holds our stdin
 * pipe and kills the JVM when the pipe closes (which the kernel does when we die, however we die).
 */
const WATCHDOG_SCRIPT = [
  'exec 3<&0',
  '"$@" </dev/null &',
  'jvm=$!',
  'echo "jvm-pid $jvm"',
  '{ read _ <&3; kill $jvm 2>/dev/null; } &',
  'watch=$!',
  "trap 'kill $jvm 2>/dev/null; wait $jvm; kill $watch 2>/dev/null; exit 143' TERM INT HUP",
  'wait $jvm',
  'code=$?',
  'kill $watch 2>/dev/null',
  'exit $code',
].join('\n');

/** The DynamoDB Local shipped inside `amplify-dynamodb-simulator` (we use its jar, not its JS wrapper). */
export function defaultEmulatorDir(): string {
  return path.join(path.dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
}

function findFreePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function endpointHost(host: string): string {
  if (EVERY_INTERFACE.has(host)) return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface Launch {
  child: ChildProcess;
  jvmPid: Promise<number>;
  output: () => string;
  exited: Promise<number | null>;
}

function launch(command: string, args: string[], cwd: string): Launch {
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
  };
  const viaWatchdog = process.platform !== 'win32';
  const child = viaWatchdog
    ? spawn('/bin/sh', ['-c', WATCHDOG_SCRIPT, 'dynamodb-local', command, ...args], { cwd, stdio: 'pipe' })
    : spawn(command, args, { cwd, stdio: 'pipe' });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : null)));
    // spawn failures (sh itself missing) surface as 'error' without 'exit'.
    child.once('error', (error) => {
      keep(Buffer.from(String(error)));
      resolve(null);
    });
  });
  const jvmPid = new Promise<number>((resolve) => {
    if (!viaWatchdog) {
      resolve(child.pid ?? 0);
      return;
    }
    let first = '';
    const onData = (chunk: Buffer): void => {
      first += chunk.toString();
      const match = /^jvm-pid (\d+)\n/.exec(first);
      if (match) {
        child.stdout?.off('data', onData);
        keep(Buffer.from(first.slice(match[0].length)));
        child.stdout?.on('data', keep);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', onData);
    void exited.then(() => resolve(0));
  });
  if (!viaWatchdog) child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, jvmPid, output: () => tail.trim(), exited };
}

async function answersListTables(client: DynamoDBClient): Promise<boolean> {
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }));
    return true;
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts AWS's DynamoDB Local (transactions, TTL and Streams included) on Java 17+, shared across every region and
 * credential (`-sharedDb`), with telemetry off. Resolves once it answers a real ListTables; rejects with
 * {@link DynamoDbStartError} (carrying its output tail) if it exits or is not up in time, and with
 * {@link JavaUnavailableError} if Java is missing or too old. The JVM is stopped by `stop()`, and also when this
 * process exits or dies.
 *
 * @example
 * const dynamo = await startDynamoDb({ persistDir: '.offline/dynamodb' });
 * const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1' });
 * // ...
 * await dynamo.stop();
 */
export async function startDynamoDb(options: StartDynamoDbOptions = {}): Promise<StartedDynamoDb> {
  const host = options.host ?? '127.0.0.1';
  const java = await detectJava(options.javaPath ?? 'java');
  const emulatorDir = options.emulatorDir ?? defaultEmulatorDir();
  const bindOne = !EVERY_INTERFACE.has(host) && java.canRunSourceFiles;
  const listensOn = bindOne ? host : '*';

  const storage = ['-sharedDb', '-disableTelemetry'];
  if (options.persistDir) {
    const dir = path.resolve(options.persistDir);
    mkdirSync(dir, { recursive: true });
    storage.push('-dbPath', dir);
  } else {
    storage.push('-inMemory');
  }

  for (let attempt = 0; ; attempt += 1) {
    const port = options.port ?? (await findFreePort(bindOne ? host : '0.0.0.0'));
    const serverArgs = [...storage, '-port', String(port)];
    const args = [...JVM_FLAGS, `-Djava.library.path=${path.join(emulatorDir, 'DynamoDBLocal_lib')}`];
    if (bindOne) {
      args.push(...launcherArgs(java, path.join(emulatorDir, 'DynamoDBLocal.jar')), host, ...serverArgs);
    } else {
      args.push('-jar', 'DynamoDBLocal.jar', ...serverArgs);
    }
    try {
      return await startOnce(java.javaPath, args, emulatorDir, host, port, listensOn, options.startTimeoutMs);
    } catch (error) {
      // Another process may take the free port between our probe and the JVM's bind: try a fresh one.
      const portTaken = error instanceof DynamoDbStartError && /already in use|BindException/i.test(error.outputTail);
      if (!portTaken || options.port !== undefined || attempt >= PORT_RACE_RETRIES) throw error;
    }
  }
}

async function startOnce(
  javaPath: string,
  args: string[],
  emulatorDir: string,
  host: string,
  port: number,
  listensOn: string,
  startTimeoutMs = DEFAULT_START_TIMEOUT_MS,
): Promise<StartedDynamoDb> {
  const startedAt = Date.now();
  const proc = launch(javaPath, args, emulatorDir);
  const endpoint = `http://${endpointHost(host)}:${port}`;

  let jvmPid = 0;
  const killOnExit = (): void => {
    if (jvmPid && isAlive(jvmPid)) process.kill(jvmPid, 'SIGTERM');
  };
  process.once('exit', killOnExit);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (proc.child.exitCode === null && proc.child.signalCode === null) {
        proc.child.stdin?.end();
        proc.child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        const timedOut = await Promise.race([
          proc.exited.then(() => false),
          new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), STOP_GRACE_MS))),
        ]);
        clearTimeout(timer);
        if (timedOut) {
          if (jvmPid && isAlive(jvmPid)) process.kill(jvmPid, 'SIGKILL');
          proc.child.kill('SIGKILL');
          await proc.exited;
        }
      }
      // The watchdog waits for the JVM, but be sure: the JVM may linger a moment after the shell reaps it.
      for (let i = 0; jvmPid && isAlive(jvmPid) && i < 50; i += 1) await delay(100);
      process.off('exit', killOnExit);
    })();
    return stopping;
  };

  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  let exitCode: number | null | undefined;
  void proc.exited.then((code) => {
    exitCode = code;
  });
  try {
    jvmPid = await proc.jvmPid;
    const deadline = startedAt + startTimeoutMs;
    for (;;) {
      if (exitCode !== undefined) {
        throw new DynamoDbStartError(
          `DynamoDB Local exited with code ${exitCode ?? 'unknown'} before answering on ${endpoint}`,
          proc.output(),
        );
      }
      if (await answersListTables(client)) break;
      if (Date.now() > deadline) {
        throw new DynamoDbStartError(
          `DynamoDB Local did not answer on ${endpoint} within ${startTimeoutMs} ms`,
          proc.output(),
        );
      }
      await delay(100);
    }
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.destroy();
  }

  return { endpoint, port, pid: jvmPid, listensOn, startupMs: Date.now() - startedAt, stop };
}
