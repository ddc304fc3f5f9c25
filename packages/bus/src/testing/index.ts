/**
 * Test doubles and factories of the bus's own types, for unit tests of code built on it (and of the bus
 * itself): events and commands as they arrive in SQS batches, a Lambda context, an in-memory bus and an
 * in-memory idempotency store. `@mesh/bus/testing`, never imported by runtime code; `@mesh/testing`
 * re-exports it beside its other helpers.
 */
export * from './factories';
export * from './InMemoryBus';
export * from './InMemoryPersistenceLayer';
