export { startEmulators, type StartEmulatorsOptions, type StartedEmulators } from './startEmulators';
export {
  startMesh,
  type StartMeshOptions,
  type StartedMesh,
  type MeshService,
  type MeshConsoleOptions,
  type StartMeshConsole,
} from './startMesh';
export { startBasePathProxy, type StartedBasePathProxy, type BasePathTarget } from './startBasePathProxy';
export { createLambdaRouter, type LambdaRouter } from './createLambdaRouter';
export { readComposeFile, resolveParams, type ComposeService } from './composeFile';
export { packageServiceTemplate, type PackagedService, type PackagedTemplate } from './packageServiceTemplate';
export { startOfflineService, type StartedOfflineService } from './startOfflineService';
export { formatReadyBanner, formatIgnored } from './banner';
export { MeshStartError, ComposeFileError, ServicePackageError, OfflineServiceError } from './errors';
export { startBusBehindEdge, type BusBehindEdge } from './startBusBehindEdge';
export { freePort } from './freePort';
