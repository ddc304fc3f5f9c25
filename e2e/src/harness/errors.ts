/** The shared mesh of the e2e project is not there: not started by jest's globalSetup, or it failed to start. */
export class SharedMeshError extends Error {
  override readonly name = 'SharedMeshError';
}
