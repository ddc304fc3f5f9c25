import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { createStreamPoller, type StreamPoller } from '../dynamodb/streamPoller';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from '../dynamodb/streamRecord';
import type { EventSourceMappingSpec } from '../provision/types';
import { failedItemIds } from './batchItemFailures';
import type { LambdaInvoker } from './lambdaInvoker';

export interface DynamoDbStreamMappingOptions {
  /** An event source mapping of kind `dynamodb` (its `sourceArn` is the table's stream ARN). */
  spec: EventSourceMappingSpec;
  invoke: LambdaInvoker;
  /** A client for the streams endpoint (the edge); or give `endpoint`. */
  client?: DynamoDBStreamsClient;
  endpoint?: string;
  /** The records' `awsRegion` (DynamoDB Local reports `ddblocal`); the stream ARN's region by default. */
  region?: string;
  logger?: Pick<Console, 'warn' | 'error'>;
}

/**
 * Lambda's DynamoDB Streams event source mapping, offline: {@link createStreamPoller} reading the spec's stream,
 * invoking the function by name. With ReportBatchItemFailures the function's `batchItemFailures` (sequence numbers)
 * retry from the first failed record, and a malformed report fails the batch; without it only a function error
 * counts, as on Lambda. (The batching window is not applied: the poller invokes as soon as it has records.)
 *
 * @example
 * const mapping = createDynamoDbStreamMapping({ spec, invoke: lambdaInvoker('http://127.0.0.1:3002'), endpoint: edgeUrl });
 * await mapping.start();
 */
export function createDynamoDbStreamMapping(options: DynamoDbStreamMappingOptions): StreamPoller {
  const { spec, invoke } = options;
  if (spec.kind !== 'dynamodb')
    throw new TypeError(`createDynamoDbStreamMapping takes a dynamodb mapping, got ${spec.kind}`);
  const region = options.region ?? spec.sourceArn.split(':')[3] ?? 'us-east-1';
  return createStreamPoller({
    streamArn: spec.sourceArn,
    client: options.client,
    endpoint: options.endpoint,
    region,
    awsRegion: region,
    batchSize: spec.batchSize,
    startingPosition: spec.startingPosition ?? 'TRIM_HORIZON',
    logger: options.logger,
    handler: async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse | void> => {
      const response = await invoke(spec.functionName, event);
      if (!spec.reportBatchItemFailures) return;
      const ids = new Set(event.Records.map((record) => record.dynamodb?.SequenceNumber ?? ''));
      const failed = failedItemIds(response, ids);
      return { batchItemFailures: [...failed].map((itemIdentifier) => ({ itemIdentifier })) };
    },
  });
}
