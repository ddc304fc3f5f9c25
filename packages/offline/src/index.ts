export * from './sqs/errors';
export * from './sqs/resolveFauxqsNode';
export * from './sqs/startSqs';
