export * from './InMemoryBus';
export * from './InMemoryPersistenceLayer';
export * from './expectPublished';
export * from './factories';
export * from './packageService';
export * from './fuzz';
export * from './createTableFromTemplate';
