import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SetQueueAttributesCommand,
  TagQueueCommand,
} from '@aws-sdk/client-sqs';
import { generatedName } from './physicalNames';
import { errorName, jsonText, type Provisioner } from './provisioner';

/** CloudFormation properties that are SQS attributes of the same name, passed as text. */
const PLAIN_ATTRIBUTES = [
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'DelaySeconds',
  'FifoQueue',
  'FifoThroughputLimit',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ReceiveMessageWaitTimeSeconds',
  'SqsManagedSseEnabled',
  'VisibilityTimeout',
] as const;

/** Attributes CreateQueue takes but SetQueueAttributes refuses (a queue is FIFO from birth). */
const CREATE_ONLY = new Set(['FifoQueue']);

/**
 * AWS::SQS::Queue → a queue on fauxqs: FIFO, deduplication, timings, redrive (to a DLQ created before it)
 * and tags. KMS settings are dropped: there are no keys offline. An existing queue gets the template's
 * attributes and tags. `Ref` is the queue URL; `Fn::GetAtt` gives `Arn`, `QueueName` and `QueueUrl`.
 */
export const provisionSqsQueue: Provisioner = async (logicalId, properties, context) => {
  const { sqs } = context.clients;
  const fifo = String(properties.FifoQueue) === 'true';
  const queueName =
    typeof properties.QueueName === 'string'
      ? properties.QueueName
      : generatedName(context.stackName, logicalId, { maxLength: 80, suffix: fifo ? '.fifo' : '' });

  const attributes: Record<string, string> = {};
  for (const name of PLAIN_ATTRIBUTES) {
    const value = properties[name];
    if (value !== undefined && value !== null) attributes[name] = String(value);
  }
  for (const name of ['RedrivePolicy', 'RedriveAllowPolicy'] as const) {
    const value = jsonText(properties[name]);
    if (value !== undefined) attributes[name] = value;
  }
  const tags = tagsOf(properties.Tags);

  let queueUrl: string | undefined;
  try {
    ({ QueueUrl: queueUrl } = await sqs.send(
      new CreateQueueCommand({
        QueueName: queueName,
        Attributes: attributes,
        ...(Object.keys(tags).length > 0 ? { tags } : {}),
      }),
    ));
  } catch (error) {
    // CreateQueue is idempotent only while the attributes match: otherwise update the queue in place.
    if (!/QueueNameExists|QueueAlreadyExists/.test(errorName(error))) throw error;
    ({ QueueUrl: queueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queueName })));
    const updatable = Object.fromEntries(Object.entries(attributes).filter(([name]) => !CREATE_ONLY.has(name)));
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: queueUrl, Attributes: updatable }));
    if (Object.keys(tags).length > 0) await sqs.send(new TagQueueCommand({ QueueUrl: queueUrl, Tags: tags }));
  }
  if (!queueUrl) throw new Error(`SQS gave queue ${queueName} no URL`);

  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  const arn = Attributes?.QueueArn ?? `arn:aws:sqs:${context.region}:${context.accountId}:${queueName}`;
  return { ref: queueUrl, attributes: { Arn: arn, QueueName: queueName, QueueUrl: queueUrl } };
};

function tagsOf(value: unknown): Record<string, string> {
  if (!Array.isArray(value)) return {};
  const tags: Record<string, string> = {};
  for (const tag of value as { Key?: unknown; Value?: unknown }[]) {
    if (typeof tag?.Key === 'string') tags[tag.Key] = String(tag.Value ?? '');
  }
  return tags;
}
