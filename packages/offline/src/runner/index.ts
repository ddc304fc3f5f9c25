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
export { MeshStartError, ComposeFileError, ServicePackageError, OfflineServiceError, OfflineSeedError } from './errors';
export { readOfflineSeed, OFFLINE_SEED_KEY, type TableSeed } from './readOfflineSeed';
export { writeOfflineSeed, type SeedOutcome, type WriteOfflineSeedOptions } from './writeOfflineSeed';
export { startBusBehindEdge, type BusBehindEdge } from './startBusBehindEdge';
export { serverlessCliPath, serverlessCliEnv } from './serverlessCli';
export { OFFLINE_PRELOAD } from './startOfflineService';
export { freePort } from './freePort';
