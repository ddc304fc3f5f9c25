export * from './edge/awsErrorResponse';
export * from './edge/createEdgeListener';
export * from './edge/resolveService';
export * from './edge/startEdge';
export * from './edge/types';
export * from './sqs/errors';
export * from './sqs/resolveFauxqsNode';
export * from './sqs/startSqs';
