import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import type { BundledServerlessPlugin } from './bundleServerlessPlugin';
import { OfflineServiceError } from './errors';
import { ESBUILD_WORK_FOLDER_PRELOAD, paramArgs, serverlessCliEnv, serverlessCliPath } from '@mesh/infra';

export interface OfflineServicePorts {
  http: number;
  lambda: number;
  websocket: number;
}

export interface StartOfflineServiceOptions {
  serviceName: string;
  serviceDir: string;
  stage: string;
  region: string;
  params: Record<string, string>;
  /**
   * Given to the functions as `AWS_ENDPOINT_URL`: every SDK client in a handler reaches the edge. Absent when
   * `valuesFile` gives it (`env`), once known.
   */
  edgeUrl?: string;
  /**
   * DynamoDB's own endpoint (DynamoDB Local), given as `AWS_ENDPOINT_URL_DYNAMODB`, which the SDK prefers to
   * `AWS_ENDPOINT_URL`: a handler's table calls skip the edge's hop, the most frequent calls a handler makes.
   */
  dynamodbEndpoint?: string;
  ports: OfflineServicePorts;
  /** Which servers to wait for besides the Lambda one (only started when the service has such events). */
  waitFor?: { http?: boolean; websocket?: boolean };
  /** Values of `Ref` / `Fn::GetAtt` in the functions' environment (`Ref:<Id>`, `GetAtt:<Id>.<Attr>`). */
  references?: Record<string, string>;
  /**
   * A JSON file, read at each function's first invocation, so the service can start before they are known:
   * `{ references, params, env }` — the `Ref` / `Fn::GetAtt` values, the values of the params passed as
   * placeholders (`paramPlaceholder` of `@mesh/infra`), and environment variables such as the endpoints.
   */
  valuesFile?: string;
  /**
   * Open the Node inspector of the service's process (where its functions run, in worker threads) on a free
   * loopback port: `inspectorUrl` says where.
   */
  inspect?: boolean;
  /**
   * The service's `serverless.ts` bundled into one file (`configBundle` of a packaged template): the CLI loads
   * it instead of transpiling serverless.ts and its imports at each start (see `serverlessConfigBundle.cjs`).
   */
  configBundle?: string;
  /**
   * Plugins to load from one bundled file each (`bundleServerlessPlugin`), by the file Node would load for
   * them: faster to load than their thousands of modules (see `serverlessPluginBundles.cjs`).
   */
  pluginBundles?: readonly BundledServerlessPlugin[];
  /** Node's on-disk compile cache for the process (`NODE_COMPILE_CACHE`), e.g. `<root>/.mesh/node-compile-cache`. */
  compileCacheDir?: string;
  /** Each line the service prints (handler logs included). */
  onLog?: (line: string) => void;
  startTimeoutMs?: number;
}

export interface StartedOfflineService {
  serviceName: string;
  pid: number;
  /** The Node inspector's WebSocket URL, when started with `inspect`. */
  inspectorUrl?: string;
  /** serverless-offline's Lambda API, for `Invoke` by function name. */
  lambdaEndpoint: string;
  httpUrl: string;
  websocketUrl: string;
  /** Resolves when the process exits (whatever the reason). */
  exited: Promise<void>;
  /** Stops the service and everything it started (its process group); safe to call twice. */
  stop(): Promise<void>;
}

export const OFFLINE_PRELOAD = path.join(__dirname, 'offlinePreload.cjs');
const DEFAULT_START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;
const OUTPUT_TAIL_CHARS = 6_000;

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone already
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `serverless offline start` for one service in its own process group, bound to 127.0.0.1 on the given
 * ports, with stage routes unprefixed (the mesh's proxy maps `/<service>` onto it), `AWS_ENDPOINT_URL` at the
 * edge and dummy credentials. serverless-esbuild watches the service's sources and serverless-offline
 * reloads a changed handler without a restart. Resolves once its servers accept connections; rejects with
 * {@link OfflineServiceError} (and the output's tail) if it exits first or is not up in time. The child
 * stops when this process exits or dies (see `offlinePreload.cjs`).
 *
 * @example
 * const service = await startOfflineService({ serviceName: 'reminders', serviceDir, stage: 'dev',
 *   region: 'us-east-1', params: {}, edgeUrl: 'http://127.0.0.1:4566', ports: { http: 3100, lambda: 3102, websocket: 3101 } });
 */
export async function startOfflineService(options: StartOfflineServiceOptions): Promise<StartedOfflineService> {
  const { ports, region } = options;
  const args = [
    // Node options of the developer's own for serverless-offline and its handlers, e.g. `--cpu-prof`.
    ...(process.env.MESH_OFFLINE_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? []),
    ...(options.inspect ? ['--inspect=127.0.0.1:0'] : []),
    '--require',
    ESBUILD_WORK_FOLDER_PRELOAD,
    '--require',
    OFFLINE_PRELOAD,
    serverlessCliPath(),
    'offline',
    'start',
    '--stage',
    options.stage,
    '--region',
    region,
    '--host',
    '127.0.0.1',
    '--httpPort',
    String(ports.http),
    '--lambdaPort',
    String(ports.lambda),
    '--websocketPort',
    String(ports.websocket),
    '--noPrependStageInUrl',
    // The preload keeps each function's timeout, from the end of its init as on AWS (initOutsideTimeout.cjs).
    '--noTimeout',
    ...paramArgs(options.params),
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: options.serviceDir,
    env: serverlessCliEnv(region, {
      ...(options.edgeUrl ? { AWS_ENDPOINT_URL: options.edgeUrl } : {}),
      ...(options.dynamodbEndpoint ? { AWS_ENDPOINT_URL_DYNAMODB: options.dynamodbEndpoint } : {}),
      MESH_OFFLINE_REFERENCES: JSON.stringify(options.references ?? {}),
      ...(options.valuesFile ? { MESH_OFFLINE_VALUES_FILE: options.valuesFile } : {}),
      MESH_PARENT_FD: '3',
      MESH_ESBUILD_WORK_FOLDER: `.mesh/esbuild-${options.stage}`,
      ...(options.configBundle ? { MESH_SERVERLESS_CONFIG_BUNDLE: options.configBundle } : {}),
      ...(options.compileCacheDir ? { NODE_COMPILE_CACHE: options.compileCacheDir } : {}),
      ...(options.pluginBundles?.length
        ? {
            MESH_SERVERLESS_PLUGIN_BUNDLES: JSON.stringify(
              Object.fromEntries(options.pluginBundles.map(({ entry, bundle }) => [entry, bundle])),
            ),
          }
        : {}),
    }),
    // Its own process group: Ctrl-C reaches the mesh only, which stops the services in order, and a stop
    // reaches whatever the service started (esbuild).
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  const pid = child.pid ?? 0;

  let tail = '';
  let inspectorUrl: string | undefined;
  let exitState: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitState = { code, signal };
      resolve();
    });
    child.once('error', (error) => {
      tail += `\n${error.message}`;
      exitState = { code: null, signal: null };
      resolve();
    });
  });
  let partial = '';
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    tail = (tail + text).slice(-OUTPUT_TAIL_CHARS);
    // Node prints it first thing: before serverless-offline's output can push it out of the tail.
    inspectorUrl ??= /Debugger listening on (ws:\/\/\S+)/.exec(text)?.[1];
    if (!options.onLog) return;
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) options.onLog(line);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (!exitState && pid) {
        killGroup(pid, 'SIGTERM');
        const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), STOP_GRACE_MS);
        await exited;
        clearTimeout(timer);
      }
      // Anything the service started and left behind in its group goes too, and is gone when we resolve.
      if (pid) {
        killGroup(pid, 'SIGKILL');
        for (let i = 0; i < 40 && groupAlive(pid); i += 1) await delay(50);
      }
      (child.stdio[3] as net.Socket | null)?.destroy();
    })();
    return stopping;
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS);
  const awaited = [ports.lambda];
  if (options.waitFor?.http) awaited.push(ports.http);
  if (options.waitFor?.websocket) awaited.push(ports.websocket);
  for (const port of awaited) {
    for (;;) {
      if (exitState) {
        await stop();
        throw new OfflineServiceError(
          `serverless offline for ${options.serviceName} exited while starting (code ${exitState.code}, signal ${exitState.signal}):\n${tail.trim()}`,
        );
      }
      // osls reports a failed start (e.g. a plugin refusing the config) with an `Error:` line, and may then
      // linger without listening: fail now, with its words.
      if (/^Error:/m.test(tail)) {
        await stop();
        throw new OfflineServiceError(`serverless offline for ${options.serviceName} failed to start:\n${tail.trim()}`);
      }
      if (await canConnect(port)) break;
      if (Date.now() > deadline) {
        await stop();
        throw new OfflineServiceError(
          `serverless offline for ${options.serviceName} did not listen on 127.0.0.1:${port} in time:\n${tail.trim()}`,
        );
      }
      await delay(100);
    }
  }

  return {
    serviceName: options.serviceName,
    pid,
    ...(inspectorUrl ? { inspectorUrl } : {}),
    lambdaEndpoint: `http://127.0.0.1:${ports.lambda}`,
    httpUrl: `http://127.0.0.1:${ports.http}`,
    websocketUrl: `ws://127.0.0.1:${ports.websocket}`,
    exited,
    stop,
  };
}
