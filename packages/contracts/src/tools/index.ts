// The contracts' build-time tools (Node only: they read and write files): the compatibility gate and what it
// compares with. Apart from the package's index so no Lambda bundle ever reaches node:fs through it.
export * from './schemaChange';
export * from './compareSchemas';
export * from './contractUsage';
export * from './snapshots';
export * from './checkContracts';
export * from './contractsCommand';
export * from './checkEventPattern';
export * from './exampleMessage';
export * from './asyncApi';
export * from './catalog/renderCatalog';
