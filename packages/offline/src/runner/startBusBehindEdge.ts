import { startEdge } from '../edge/startEdge';
import { createEventBridgeListener, EventBridgeEmulator } from '../eventbridge';
import { startSqs } from '../sqs/startSqs';
import {
  createHopRecorder,
  createMeshListener,
  MESH_PATH_PREFIX,
  recordEventBridgeHops,
  type MeshHopRecorder,
} from '../trace';

export interface BusBehindEdge {
  edgeUrl: string;
  hops: MeshHopRecorder;
  stop(): Promise<void>;
}

/**
 * The AWS parts the bus and its tools need, wired as `startEmulators` wires them but without DynamoDB Local (a JVM these
 * tests do not use): fauxqs and our EventBridge behind an edge on a free port, the hops recorded and served on
 * `/_mesh/`.
 *
 * @example
 * const bus = await startBusBehindEdge();
 * // … point an EventBridge or SQS client at bus.edgeUrl …
 * await bus.stop();
 */
export async function startBusBehindEdge(): Promise<BusBehindEdge> {
  const sqs = await startSqs();
  const edge = await startEdge({ port: 0, routes: { sqs: sqs.endpoint, s3: sqs.endpoint } });
  const eventBridge = new EventBridgeEmulator({ sqsEndpoint: edge.url, lambdaEndpoint: edge.url });
  edge.setRoute('events', createEventBridgeListener(eventBridge));
  const hops = createHopRecorder();
  recordEventBridgeHops(eventBridge, hops);
  edge.mount(MESH_PATH_PREFIX, createMeshListener(hops));
  return {
    edgeUrl: edge.url,
    hops,
    async stop() {
      await edge.stop();
      eventBridge.close();
      await sqs.stop();
    },
  };
}
