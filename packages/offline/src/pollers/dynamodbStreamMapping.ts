import { randomUUID } from 'node:crypto';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createStreamPoller, type StreamPoller } from '../dynamodb/streamPoller';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from '../dynamodb/streamRecord';
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
  /** Sends the on-failure records (the spec's `onFailureQueueUrl`); one is made on `endpoint` otherwise. */
  sqs?: SQSClient;
}

/**
 * What Lambda sends to a stream mapping's on-failure destination when a batch's retries ran out: metadata
 * about the batch (not its records), to read them back from the stream while it keeps them (24 h).
 */
export function onFailureRecord(
  spec: EventSourceMappingSpec,
  records: readonly DynamoDBRecord[],
  error: unknown,
  shard: { shardId: string; attempts: number },
  now = new Date(),
) {
  const sequence = (record: DynamoDBRecord | undefined) => record?.dynamodb?.SequenceNumber ?? '';
  const arrival = (record: DynamoDBRecord | undefined) =>
    new Date((record?.dynamodb?.ApproximateCreationDateTime ?? now.getTime() / 1000) * 1000).toISOString();
  return {
    requestContext: {
      requestId: randomUUID(),
      functionArn: spec.functionName,
      condition: 'RetryAttemptsExhausted',
      approximateInvokeCount: shard.attempts,
    },
    responseContext: {
      statusCode: 200,
      executedVersion: '$LATEST',
      functionError: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    },
    version: '1.0',
    timestamp: now.toISOString(),
    DDBStreamBatchInfo: {
      shardId: shard.shardId,
      startSequenceNumber: sequence(records[0]),
      endSequenceNumber: sequence(records.at(-1)),
      approximateArrivalOfFirstRecord: arrival(records[0]),
      approximateArrivalOfLastRecord: arrival(records.at(-1)),
      batchSize: records.length,
      streamArn: spec.sourceArn,
    },
  };
}

/**
 * Lambda's DynamoDB Streams event source mapping, offline: {@link createStreamPoller} reading the spec's stream,
 * invoking the function by name. With ReportBatchItemFailures the function's `batchItemFailures` (sequence numbers)
 * retry from the first failed record, and a malformed report fails the batch; without it only a function error
 * counts, as on Lambda. A batch still failing after `MaximumRetryAttempts` (retried with backoff) is skipped and its
 * on-failure record sent to the `DestinationConfig.OnFailure` queue. (The batching window is not applied: the
 * poller invokes as soon as it has records.)
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
  // Records the retries could not deliver go to the on-failure queue, as on Lambda: never dropped silently.
  const sendToOnFailure =
    (queueUrl: string) =>
    async (records: DynamoDBRecord[], error: unknown, shard: { shardId: string; attempts: number }) => {
      const sqs =
        options.sqs ??
        new SQSClient({
          endpoint: options.endpoint,
          region,
          credentials: { accessKeyId: 'mesh', secretAccessKey: 'mesh' },
        });
      try {
        await sqs.send(
          new SendMessageCommand({
            QueueUrl: queueUrl,
            MessageBody: JSON.stringify(onFailureRecord(spec, records, error, shard)),
          }),
        );
      } finally {
        if (!options.sqs) sqs.destroy();
      }
    };
  return createStreamPoller({
    streamArn: spec.sourceArn,
    client: options.client,
    endpoint: options.endpoint,
    region,
    awsRegion: region,
    batchSize: spec.batchSize,
    startingPosition: spec.startingPosition ?? 'TRIM_HORIZON',
    logger: options.logger,
    ...(spec.maximumRetryAttempts === undefined ? {} : { maximumRetryAttempts: spec.maximumRetryAttempts }),
    ...(spec.onFailureQueueUrl ? { onDiscard: sendToOnFailure(spec.onFailureQueueUrl) } : {}),
    handler: async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse | void> => {
      const response = await invoke(spec.functionName, event);
      if (!spec.reportBatchItemFailures) return;
      const ids = new Set(event.Records.map((record) => record.dynamodb?.SequenceNumber ?? ''));
      const failed = failedItemIds(response, ids);
      return { batchItemFailures: [...failed].map((itemIdentifier) => ({ itemIdentifier })) };
    },
  });
}
