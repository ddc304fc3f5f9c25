/** Public API of the offline mesh's hop recording: `mesh trace`, `mesh tail` and the local console read it. */
export type * from './types';
export {
  createHopRecorder,
  DEFAULT_HOP_CAPACITY,
  DEFAULT_HOP_LIMIT,
  type CreateHopRecorderOptions,
  type MeshHopRecorder,
} from './createHopRecorder';
export { createMeshListener, MESH_PATH_PREFIX, type MeshListenerOptions } from './createMeshListener';
export { HopQueryError } from './errors';
export { HOP_KINDS, isHopKind } from './hopKinds';
export { parseFailureLog, type FailureLog } from './failureLog';
export { idsOfEvent, idsOfMessageBody, type HopIds } from './messageIds';
export { parseHopQuery } from './parseHopQuery';
export { recordEventBridgeHops } from './recordEventBridgeHops';
