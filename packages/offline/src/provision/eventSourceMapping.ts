import { GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { optionalString } from './provisioner';
import type { EventSourceMappingSpec, ResourceState } from './types';

const ARN = /^arn:[^:]+:([^:]+):([^:]*):([^:]*):(.+)$/;

/** `arn:aws:lambda:region:account:function:name[:qualifier]`, `account:function:name` or a bare name → the name. */
export function functionNameOf(nameOrArn: string): string {
  const match = /(?:^|:)function:([^:]+)/.exec(nameOrArn);
  return match ? match[1]! : nameOrArn;
}

/**
 * AWS::Lambda::EventSourceMapping (properties resolved) → what the offline pollers need: the function's deployed
 * name, the source (an SQS queue and its URL, or a DynamoDB stream), and Lambda's batching settings with
 * Lambda's defaults (batch size 10 for SQS, 100 for streams; no batching window; enabled); for streams, the
 * retries (`MaximumRetryAttempts`, default -1: forever) and the SQS queue of the on-failure destination; for
 * queues, `ScalingConfig.MaximumConcurrency`.
 */
export async function eventSourceMappingSpec(
  properties: Record<string, unknown>,
  resources: ReadonlyMap<string, ResourceState>,
  functionLogicalIds: ReadonlyMap<string, string>,
  sqs: SQSClient,
): Promise<EventSourceMappingSpec> {
  const sourceArn = optionalString(properties.EventSourceArn) ?? '';
  const service = ARN.exec(sourceArn)?.[1];
  if (service !== 'sqs' && service !== 'dynamodb') {
    throw new Error(`event source ${sourceArn || '(none)'} is not an SQS queue or a DynamoDB stream`);
  }
  const functionName = functionNameOf(optionalString(properties.FunctionName) ?? '');
  const responseTypes = Array.isArray(properties.FunctionResponseTypes) ? properties.FunctionResponseTypes : [];
  const startingPosition = optionalString(properties.StartingPosition);
  const spec: EventSourceMappingSpec = {
    functionLogicalId: functionLogicalIds.get(functionName) ?? '',
    functionName,
    kind: service,
    sourceArn,
    batchSize: properties.BatchSize === undefined ? (service === 'sqs' ? 10 : 100) : Number(properties.BatchSize),
    maximumBatchingWindowSeconds: Number(properties.MaximumBatchingWindowInSeconds ?? 0),
    reportBatchItemFailures: responseTypes.includes('ReportBatchItemFailures'),
    enabled: properties.Enabled === undefined ? true : String(properties.Enabled) === 'true',
  };
  if (startingPosition === 'TRIM_HORIZON' || startingPosition === 'LATEST') spec.startingPosition = startingPosition;
  if (service === 'sqs') {
    const queueUrl = await queueUrlOf(sourceArn, resources, sqs);
    if (queueUrl) spec.queueUrl = queueUrl;
    const maximumConcurrency = (properties.ScalingConfig as { MaximumConcurrency?: unknown } | undefined)
      ?.MaximumConcurrency;
    if (maximumConcurrency !== undefined) spec.maximumConcurrency = Number(maximumConcurrency);
  }
  if (service === 'dynamodb') {
    spec.maximumRetryAttempts =
      properties.MaximumRetryAttempts === undefined ? -1 : Number(properties.MaximumRetryAttempts);
    const destination = optionalString(
      (properties.DestinationConfig as { OnFailure?: { Destination?: unknown } } | undefined)?.OnFailure?.Destination,
    );
    if (destination) {
      const queueUrl = ARN.exec(destination)?.[1] === 'sqs' ? await queueUrlOf(destination, resources, sqs) : undefined;
      if (!queueUrl) throw new Error(`on-failure destination ${destination} is not an SQS queue the mesh knows`);
      spec.onFailureQueueUrl = queueUrl;
    }
  }
  return spec;
}

async function queueUrlOf(
  arn: string,
  resources: ReadonlyMap<string, ResourceState>,
  sqs: SQSClient,
): Promise<string | undefined> {
  for (const state of resources.values())
    if (state.attributes.Arn === arn && state.attributes.QueueUrl) return state.attributes.QueueUrl;
  // A queue of another template (or made by hand): ask SQS by the name the ARN ends with.
  const queueName = arn.split(':').pop() ?? '';
  try {
    return (await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }))).QueueUrl;
  } catch {
    return undefined;
  }
}
