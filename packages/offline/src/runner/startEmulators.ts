import path from 'node:path';
import { startDynamoDb, type StartedDynamoDb } from '../dynamodb';
import { startEdge, DEFAULT_EDGE_PORT, type StartedEdge } from '../edge/startEdge';
import { createEventBridgeListener, createSchedulerListener, EventBridgeEmulator } from '../eventbridge';
import { sqsWithMoveTasks } from '../sqs/moveTasks/sqsWithMoveTasks';
import { startSqs, type StartedSqs } from '../sqs/startSqs';
import { createStsListener } from '../sts';
import {
  createHopRecorder,
  createMeshListener,
  MESH_PATH_PREFIX,
  recordEventBridgeHops,
  type MeshHopRecorder,
} from '../trace';
import { MeshStartError } from './errors';
import { step, type OnStep } from '@mesh/cli';

export interface StartEmulatorsOptions {
  /** Address of the edge, the one user-facing endpoint; 127.0.0.1 by default. */
  host?: string;
  /** 4566 by default (LocalStack's); 0 picks a free port. */
  edgePort?: number;
  /** Hosts the edge serves besides the loopback (`Host` headers), e.g. `devbox.lan`. */
  allowedHosts?: readonly string[];
  /** Keep DynamoDB tables on disk under `<persistDir>/dynamodb` instead of in memory. */
  persistDir?: string;
  /** EventBridge's region for unsigned requests (signed ones name theirs); `us-east-1` by default. */
  region?: string;
  accountId?: string;
  /** Told of each step (start, end, duration) for a progress display. */
  onStep?: OnStep;
  /** Hops kept in memory for `mesh trace` and the console; 50,000 by default. */
  hopCapacity?: number;
}

export interface StartedEmulators {
  /** What `AWS_ENDPOINT_URL` should be, e.g. `http://127.0.0.1:4566`. */
  edgeUrl: string;
  edgePort: number;
  /** The edge, to route more services (the mesh routes `lambda` to its functions). */
  edge: StartedEdge;
  /** The in-process EventBridge, for its hooks (`delivered`, `failed`, …) and `idle()`. */
  eventBridge: EventBridgeEmulator;
  /**
   * Every hop of every event and command (EventBridge's here; the pollers' when given to them), also served on
   * the edge: `GET /_mesh/hops`, `GET /_mesh/stream`.
   */
  hops: MeshHopRecorder;
  /** Where each emulator really listens, behind the edge (loopback only). */
  internal: { sqs: string; dynamodb: string; dynamodbListensOn: string };
  /** Stops the edge first (no new request), then every emulator; waits for their processes. Safe twice. */
  stop(): Promise<void>;
}

/**
 * Starts every AWS part of the offline mesh behind ONE edge endpoint: fauxqs (SQS + S3) and DynamoDB Local
 * (tables and Streams) in child processes bound to the loopback, and the EventBridge emulator in-process,
 * mounted on the edge. EventBridge delivers to Lambda through the edge, so the mesh's Lambda route (set later
 * with `edge.setRoute('lambda', …)`) reaches serverless-offline, and to SQS on fauxqs's own port. The
 * emulators start in parallel; if one fails, the others are stopped and a {@link MeshStartError} names it.
 *
 * @example
 * const emulators = await startEmulators({ edgePort: 4566 });
 * const sqs = new SQSClient({ endpoint: emulators.edgeUrl, region: 'us-east-1' });
 * // …
 * await emulators.stop();
 */
export async function startEmulators(options: StartEmulatorsOptions = {}): Promise<StartedEmulators> {
  const host = options.host ?? '127.0.0.1';
  const onStep = options.onStep;
  const edgePort = options.edgePort ?? DEFAULT_EDGE_PORT;

  // The edge first: it is instant, and a taken port should fail before a JVM is spent on it.
  const edge = await step(
    onStep,
    'edge endpoint',
    () =>
      startEdge({
        host,
        port: edgePort,
        ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
      }).catch((error: NodeJS.ErrnoException) => {
        const reason =
          error.code === 'EADDRINUSE'
            ? `port ${edgePort} on ${host} is taken (another mesh or LocalStack?); choose another with --edge-port`
            : error.message;
        throw new MeshStartError('edge endpoint', reason, { cause: error });
      }),
    (started) => started.url,
  );

  // SDK calls that arrive while the emulators start are answered 503, which the SDKs retry.
  edge.markStarting(['sqs', 's3', 'dynamodb', 'dynamodbstreams', 'events', 'scheduler']);

  const hops = createHopRecorder(options.hopCapacity ? { capacity: options.hopCapacity } : {});
  edge.mount(MESH_PATH_PREFIX, createMeshListener(hops));

  const sqsStart = step(onStep, 'fauxqs (SQS + S3)', () => startSqs({ host: '127.0.0.1' }));
  const dynamoStart = step(
    onStep,
    options.persistDir ? 'DynamoDB Local (persisted)' : 'DynamoDB Local (in memory)',
    () =>
      startDynamoDb({
        host: '127.0.0.1',
        ...(options.persistDir ? { persistDir: path.join(options.persistDir, 'dynamodb') } : {}),
      }),
  );
  const [sqsResult, dynamoResult] = await Promise.allSettled([sqsStart, dynamoStart]);
  const sqs: StartedSqs | undefined = sqsResult.status === 'fulfilled' ? sqsResult.value : undefined;
  const dynamo: StartedDynamoDb | undefined = dynamoResult.status === 'fulfilled' ? dynamoResult.value : undefined;

  // EventBridge sends to fauxqs itself, not through the edge: one HTTP hop less per delivery.
  const eventBridge = new EventBridgeEmulator({
    ...(options.region ? { region: options.region } : {}),
    ...(options.accountId ? { accountId: options.accountId } : {}),
    sqsEndpoint: sqs?.endpoint ?? edge.url,
    lambdaEndpoint: edge.url,
  });
  edge.setRoute('events', createEventBridgeListener(eventBridge));
  edge.setRoute('scheduler', createSchedulerListener(eventBridge));
  edge.setRoute('sts', createStsListener(options.accountId ? { accountId: options.accountId } : {}));
  recordEventBridgeHops(eventBridge, hops);

  // The DLQ redrive APIs fauxqs lacks are served in front of it (docs/dead-letters.md).
  const sqsRoute = sqs ? sqsWithMoveTasks(sqs.endpoint) : undefined;
  const stopAll = async () => {
    await sqsRoute?.close();
    await edge.stop();
    eventBridge.close();
    await Promise.all([sqs?.stop(), dynamo?.stop()]);
  };

  if (!sqs || !dynamo) {
    await stopAll();
    const failed = sqsResult.status === 'rejected' ? sqsResult : (dynamoResult as PromiseRejectedResult);
    const which = failed === sqsResult ? 'fauxqs (SQS + S3)' : 'DynamoDB Local';
    const reason = failed.reason instanceof Error ? failed.reason.message : String(failed.reason);
    throw new MeshStartError(which, reason, { cause: failed.reason });
  }

  edge.setRoute('sqs', sqsRoute!.listener);
  edge.setRoute('s3', sqs.endpoint);
  edge.setRoute('dynamodb', dynamo.endpoint);
  edge.setRoute('dynamodbstreams', dynamo.endpoint);

  let stopped: Promise<void> | undefined;
  return {
    edgeUrl: edge.url,
    edgePort: edge.port,
    edge,
    eventBridge,
    hops,
    internal: { sqs: sqs.endpoint, dynamodb: dynamo.endpoint, dynamodbListensOn: dynamo.listensOn },
    stop() {
      stopped ??= stopAll();
      return stopped;
    },
  };
}
