import type { OnStep } from '@mesh/cli';
import type { SqsFaultHook } from '../faults';
import type { ProvisionResult } from '../provision';
import type { MeshHopRecorder } from '../trace';
import type { SeedOutcome } from './writeOfflineSeed';
import type { StartedEmulators } from './startEmulators';

/* What `startMesh` takes and gives back: its options, the services it runs and the running mesh. */

export interface StartMeshOptions {
  /** The repository root; `process.cwd()` by default. */
  rootDir?: string;
  /** `<rootDir>/serverless-compose.yml` by default. */
  composeFile?: string;
  /** `dev` by default. */
  stage?: string;
  /** `us-east-1` by default. */
  region?: string;
  accountId?: string;
  /** The edge endpoint's port, 4566 by default; 0 picks a free one. */
  edgePort?: number;
  /** Hosts the edge serves besides the loopback (`Host` headers), e.g. `devbox.lan`. */
  allowedHosts?: readonly string[];
  /** The REST base port, 3000 by default; 0 picks a free one. */
  httpPort?: number;
  /** The WebSocket base port, 3001 by default; 0 picks a free one. */
  websocketPort?: number;
  /** Keep DynamoDB tables on disk there, instead of in memory. */
  persistDir?: string;
  /**
   * A web UI to start beside the services once the emulators serve, on `port` (0 for a free one): the local
   * console of `@mesh/ops`, which this package does not know. None when absent.
   */
  console?: { port: number; start: StartMeshConsole };
  /**
   * Start only these services of the compose file (and the services their params depend on); every service by
   * default.
   */
  services?: readonly string[];
  /** Where packaged templates are cached; `<rootDir>/.mesh/package` by default. */
  cacheDir?: string;
  /** Told of each step of the start, with its duration. */
  onStep?: OnStep;
  /** Each line a service prints (handler logs). */
  onLog?: (service: string, line: string) => void;
  /** Aborting stops what was started and rejects with a {@link MeshStartError}. */
  signal?: AbortSignal;
  /**
   * Write each service's offline seed (`custom.offlineSeed` of its Serverless config: demo data) into its
   * tables once they are provisioned, keeping items already there. Off by default, so tests start empty;
   * `npm run dev` turns it on.
   */
  seed?: boolean;
  /** Open the Node inspector of each service's serverless-offline (its functions' runtime); see `offline.inspectorUrl`. */
  inspect?: boolean;
  /** Injects faults into every SQS event source (the soak's, see `faults/`); none by default. */
  faults?: SqsFaultHook;
}

/** One service of the running mesh. */
export interface MeshService {
  name: string;
  dir: string;
  /** Its compose params, resolved offline. */
  params: Record<string, string>;
  /** True when its template came from the `.mesh/` cache. */
  packagedFromCache: boolean;
  provisioned: ProvisionResult;
  /** What its offline seed wrote, when the mesh was started with `seed` and the service declares one. */
  seeded?: SeedOutcome;
  /** Deployed names of its functions (empty for a service of resources only). */
  functions: string[];
  queues: { logicalId: string; url: string }[];
  tables: string[];
  /** Its serverless-offline, when it has functions. */
  offline?: {
    pid: number;
    lambdaEndpoint: string;
    /** Its own serverless-offline HTTP server, when it has HTTP events (also behind the REST base URL). */
    httpUrl?: string;
    /** Its own WebSocket server, when it has WebSocket events (also behind the WebSocket base URL). */
    websocketUrl?: string;
    /** The Node inspector of its functions' runtime, when started with `inspect`. */
    inspectorUrl?: string;
  };
}

export interface StartedMesh {
  edgeUrl: string;
  /** The one REST base URL: `<httpUrl>/<service>/…`. */
  httpUrl: string;
  /** The one WebSocket base URL: `<websocketUrl>/<service>`. */
  websocketUrl: string;
  stage: string;
  region: string;
  services: MeshService[];
  /** Template resources not created offline, each with why. */
  ignored: { service: string; logicalId: string; type: string; why: string }[];
  /** Milliseconds from the call to ready. */
  readyMs: number;
  /** The local console's URL, when `consolePort` was given. */
  consoleUrl?: string;
  emulators: StartedEmulators;
  /**
   * Every hop of every event and command through the mesh (the bus, the pollers, failure reasons from the
   * handlers' logs); also `GET <edgeUrl>/_mesh/hops` and `/_mesh/stream`.
   */
  hops: MeshHopRecorder;
  /**
   * Kills a service's serverless-offline process group at once (SIGKILL: invocations in flight die with it)
   * and starts it again on the same ports, resolving once it serves. Its pollers keep running: what they
   * invoke meanwhile fails and comes back after the queue's visibility timeout, as on AWS.
   */
  restartService(name: string): Promise<void>;
  /** Stops the pollers, then every service, then the proxy and the emulators. Safe to call twice. */
  stop(): Promise<void>;
}

/** What the mesh tells the web UI it starts: where its queues and hops are. */
export interface MeshConsoleOptions {
  hops: MeshHopRecorder;
  edgeUrl: string;
  stage: string;
  region: string;
  port: number;
  repoRoot: string;
}

/** Starts a web UI over the running mesh (`startConsole` of `@mesh/ops` is one). */
export type StartMeshConsole = (options: MeshConsoleOptions) => Promise<{ url: string; stop(): Promise<void> }>;
