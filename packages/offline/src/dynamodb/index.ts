export { startDynamoDb, defaultEmulatorDir } from './startDynamoDb';
export type { StartDynamoDbOptions, StartedDynamoDb } from './startDynamoDb';
export { detectJava, MINIMUM_JAVA_MAJOR } from './javaRuntime';
export type { JavaRuntime } from './javaRuntime';
export { JavaUnavailableError, DynamoDbStartError, JAVA_INSTALL_HINT } from './errors';
export { createStreamPoller } from './streamPoller';
export type { StreamPoller, StreamPollerOptions } from './streamPoller';
export { toLambdaRecord } from './streamRecord';
export type {
  DynamoDBAttributeValue,
  DynamoDBBatchResponse,
  DynamoDBImage,
  DynamoDBRecord,
  DynamoDBStreamEvent,
  DynamoDBStreamHandler,
  DynamoDBStreamRecord,
  DynamoDBStreamViewType,
} from './streamRecord';
