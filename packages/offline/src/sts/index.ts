export * from './callerIdentity';
export * from './createStsListener';
