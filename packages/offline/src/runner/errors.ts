/** The mesh (or the emulators alone) could not start; `step` names the part that failed. */
export class MeshStartError extends Error {
  override readonly name = 'MeshStartError';

  constructor(
    readonly step: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${step}: ${message}`, options);
  }
}

/** `serverless-compose.yml` is missing, unreadable or refers to something that does not exist. */
export class ComposeFileError extends Error {
  override readonly name = 'ComposeFileError';
}

/** `serverless package` failed for a service; the message carries the tail of its output. */
export class ServicePackageError extends Error {
  override readonly name = 'ServicePackageError';
}

/** A service's `serverless offline start` exited or did not listen in time. */
export class OfflineServiceError extends Error {
  override readonly name = 'OfflineServiceError';
}

/** A service's `custom.offlineSeed` is malformed or names something that is not one of its tables. */
export class OfflineSeedError extends Error {
  override readonly name = 'OfflineSeedError';
}
