import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  type QueueAttributeName,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { QueueNotFoundError } from './errors';

export interface QueueRef {
  name: string;
  url: string;
}

/** The name of a queue from its URL (its last path segment). */
export const queueNameOf = (url: string): string => url.slice(url.lastIndexOf('/') + 1);

/** A queue's name from its ARN (`arn:aws:sqs:<region>:<account>:<name>`). */
export const queueNameOfArn = (arn: string): string => arn.slice(arn.lastIndexOf(':') + 1);

/**
 * Every queue of a stage, by name: those named `<service>-<stage>-<name>[-dlq][.fifo]`, sorted.
 *
 * @example
 * await listStageQueues(sqs, 'dev'); // → [{ name: 'loans-dev-lending', url: '…' }, …]
 */
export async function listStageQueues(sqs: SQSClient, stage: string): Promise<QueueRef[]> {
  const urls: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sqs.send(new ListQueuesCommand({ MaxResults: 1000, NextToken: nextToken }));
    urls.push(...(page.QueueUrls ?? []));
    nextToken = page.NextToken;
  } while (nextToken);
  return urls
    .map((url) => ({ name: queueNameOf(url), url }))
    .filter((queue) => queue.name.includes(`-${stage}-`))
    .sort((a, b) => a.name.localeCompare(b.name));
}

const isMissingQueue = (error: unknown): boolean =>
  error instanceof Error &&
  /QueueDoesNotExist|NonExistentQueue/.test(`${error.name} ${(error as { Code?: string }).Code ?? ''}`);

/**
 * A queue's URL from its name or URL. An unknown name throws {@link QueueNotFoundError} with the stage's
 * queues whose name contains it.
 */
export async function resolveQueue(sqs: SQSClient, queue: string, stage: string): Promise<QueueRef> {
  if (/^https?:\/\//.test(queue)) return { name: queueNameOf(queue), url: queue };
  try {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queue }));
    if (!QueueUrl) throw new QueueNotFoundError(queue);
    return { name: queue, url: QueueUrl };
  } catch (error) {
    if (!isMissingQueue(error)) throw error;
    const similar = (await listStageQueues(sqs, stage)).map((q) => q.name).filter((name) => name.includes(queue));
    throw new QueueNotFoundError(queue, similar);
  }
}

/** A queue's attributes (all of them by default), as strings, as SQS returns them. */
export async function queueAttributes(
  sqs: SQSClient,
  url: string,
  names: QueueAttributeName[] = ['All'],
): Promise<Partial<Record<string, string>>> {
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: names }));
  return Attributes ?? {};
}

/** A queue's redrive policy, if it has one. */
export function redrivePolicyOf(
  attributes: Partial<Record<string, string>>,
): { deadLetterTargetArn: string; maxReceiveCount: number } | undefined {
  if (!attributes.RedrivePolicy) return undefined;
  const policy = JSON.parse(attributes.RedrivePolicy) as { deadLetterTargetArn?: string; maxReceiveCount?: unknown };
  if (!policy.deadLetterTargetArn) return undefined;
  return { deadLetterTargetArn: policy.deadLetterTargetArn, maxReceiveCount: Number(policy.maxReceiveCount) };
}
