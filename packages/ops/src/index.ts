/** The operators' tools: the `mesh` CLI (offline and on AWS) and the local console. */
export * from './cli';
export * from './console';
