/** Public API of the offline event source mappings: pollers that invoke serverless-offline's functions. */
export { createSqsPoller, type SqsPoller, type SqsPollerOptions } from './sqsPoller';
export { createDynamoDbStreamMapping, type DynamoDbStreamMappingOptions } from './dynamodbStreamMapping';
export { lambdaInvoker, type ClosableLambdaInvoker, type LambdaInvoker } from './lambdaInvoker';
export {
  startEventSourceMappings,
  type StartEventSourceMappingsOptions,
  type StartedEventSourceMappings,
} from './startEventSourceMappings';
export { toSqsRecord, type SQSEvent, type SQSMessageAttribute, type SQSRecord } from './sqsEvent';
export { failedItemIds } from './batchItemFailures';
export { FunctionInvocationError, InvalidBatchResponseError } from './errors';
