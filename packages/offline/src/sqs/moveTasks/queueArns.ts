import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  QueueDoesNotExist,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { SqsApiError } from '../errors';

/** The parts of an SQS queue ARN (`arn:aws:sqs:<region>:<account>:<name>`). */
export interface QueueArn {
  arn: string;
  region: string;
  accountId: string;
  name: string;
}

/**
 * Splits a queue ARN, or throws AWS's `InvalidParameterValue` naming the parameter it came in.
 *
 * @example
 * parseQueueArn('arn:aws:sqs:us-east-1:000000000000:loans-dev-lending-dlq', 'SourceArn').name; // 'loans-dev-lending-dlq'
 */
export function parseQueueArn(arn: unknown, parameter: string): QueueArn {
  const match =
    typeof arn === 'string' ? /^arn:aws[a-z-]*:sqs:([a-z0-9-]+):(\d{12}):([\w-]{1,80}(\.fifo)?)$/.exec(arn) : null;
  if (!match) {
    throw new SqsApiError(
      'InvalidParameterValue',
      `Value ${JSON.stringify(arn)} for parameter ${parameter} is invalid.`,
    );
  }
  return { arn: arn as string, region: match[1]!, accountId: match[2]!, name: match[3]! };
}

/** The URL of the queue an ARN names, or AWS's `ResourceNotFoundException` naming the parameter. */
export async function queueUrlOf(sqs: SQSClient, queue: QueueArn, parameter: string): Promise<string> {
  try {
    const { QueueUrl } = await sqs.send(
      new GetQueueUrlCommand({ QueueName: queue.name, QueueOwnerAWSAccountId: queue.accountId }),
    );
    if (QueueUrl) return QueueUrl;
  } catch (error) {
    if (!(error instanceof QueueDoesNotExist) && (error as Error).name !== 'QueueDoesNotExist') throw error;
  }
  throw new SqsApiError(
    'ResourceNotFoundException',
    `The resource that you specified for the ${parameter} parameter doesn't exist.`,
  );
}

/** The ARNs of the queues whose RedrivePolicy names `dlqArn`: the DLQ's source queues. */
export async function sourceQueuesOf(sqs: SQSClient, dlqArn: string): Promise<string[]> {
  const sources: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await sqs.send(new ListQueuesCommand({ MaxResults: 1000, ...(NextToken ? { NextToken } : {}) }));
    for (const QueueUrl of page.QueueUrls ?? []) {
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['RedrivePolicy', 'QueueArn'] }),
      );
      if (!Attributes.RedrivePolicy || !Attributes.QueueArn) continue;
      const policy = JSON.parse(Attributes.RedrivePolicy) as { deadLetterTargetArn?: string };
      if (policy.deadLetterTargetArn === dlqArn) sources.push(Attributes.QueueArn);
    }
    NextToken = page.NextToken;
  } while (NextToken);
  return sources;
}
