/** The e2e tests' and the soak's one harness: call the REST API, tap the bus (queue depths: @mesh/ops' queueDepths). */
export * from './callApi';
export * from './busTap';
export * from './errors';
export * from './sharedMesh';
export * from './untilSettled';
