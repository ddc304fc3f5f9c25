import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type Message,
  type SendMessageBatchRequestEntry,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { parseQueueArn, queueUrlOf } from './queueArns';

/** The message attribute the bus's dead letters name their source queue in (`DEAD_LETTER_ATTRIBUTES` of @mesh/bus). */
const MESH_SOURCE_QUEUE = 'mesh.sourceQueue';
/** How long a message being moved stays hidden from other consumers of the DLQ. */
const MOVE_VISIBILITY_SECONDS = 30;

/** What one running task knows and reports. */
export interface MoveTaskState {
  sourceArn: string;
  sourceUrl: string;
  /** Where every message goes; unset: each back to the source queue it was dead-lettered from. */
  destinationArn?: string;
  /** The DLQ's source queues (their RedrivePolicy names it), for the default destination. */
  sourceQueues: string[];
  maxNumberOfMessagesPerSecond?: number;
  toMove: number;
  moved: number;
  cancelRequested: boolean;
  /** Wakes a task waiting for its rate limit, so a cancel is prompt. */
  wake?: () => void;
}

/**
 * Moves up to `task.toMove` messages from the DLQ, ten at a time: receive (hidden meanwhile), send to the
 * destination with body, attributes and FIFO group kept, delete only what was sent. Stops early when
 * cancelled, or when nothing is left visible. At most `maxNumberOfMessagesPerSecond` messages a second
 * when set. Throws when a message's destination cannot be told or a send fails (the task is then FAILED;
 * what was not sent stays in the DLQ).
 */
export async function runMoveTask(sqs: SQSClient, task: MoveTaskState): Promise<void> {
  const urls = new Map<string, string>();
  const urlOf = async (arn: string) => {
    let url = urls.get(arn);
    if (!url) urls.set(arn, (url = await queueUrlOf(sqs, parseQueueArn(arn, 'DestinationArn'), 'DestinationArn')));
    return url;
  };
  const started = Date.now();
  while (!task.cancelRequested && task.moved < task.toMove) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: task.sourceUrl,
        MaxNumberOfMessages: Math.min(10, task.toMove - task.moved, task.maxNumberOfMessagesPerSecond ?? 10),
        VisibilityTimeout: MOVE_VISIBILITY_SECONDS,
        WaitTimeSeconds: 0,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) return;
    const byDestination = new Map<string, Message[]>();
    for (const message of Messages) {
      const destination = task.destinationArn ?? originOf(message, task);
      byDestination.set(destination, [...(byDestination.get(destination) ?? []), message]);
    }
    for (const [destination, messages] of byDestination) {
      const url = await urlOf(destination);
      const sent = await sqs.send(
        new SendMessageBatchCommand({ QueueUrl: url, Entries: messages.map((m, i) => entryOf(m, i, url)) }),
      );
      const failed = sent.Failed ?? [];
      const ok = messages.filter((_, i) => !failed.some((f) => f.Id === String(i)));
      if (ok.length > 0) {
        await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: task.sourceUrl,
            Entries: ok.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
          }),
        );
      }
      task.moved += ok.length;
      if (failed.length > 0) throw new Error(`${destination} refused ${failed.length} messages: ${failed[0]!.Message}`);
    }
    await pace(task, started);
  }
}

// Where a dead letter came from: AWS's own attribute when present, the bus's dead-letter attribute, or the
// DLQ's only source queue. Only a source queue of this DLQ is ever chosen.
function originOf(message: Message, task: MoveTaskState): string {
  const candidates = [
    message.Attributes?.DeadLetterQueueSourceArn,
    message.MessageAttributes?.[MESH_SOURCE_QUEUE]?.StringValue,
  ];
  const named = candidates.find((arn) => arn !== undefined && task.sourceQueues.includes(arn));
  if (named) return named;
  if (task.sourceQueues.length === 1) return task.sourceQueues[0]!;
  throw new Error(
    `Message ${message.MessageId} names no source queue of ${task.sourceArn} and the DLQ has ` +
      `${task.sourceQueues.length} of them: give a DestinationArn`,
  );
}

function entryOf(message: Message, index: number, destinationUrl: string): SendMessageBatchRequestEntry {
  const fifo = destinationUrl.endsWith('.fifo');
  return {
    Id: String(index),
    MessageBody: message.Body ?? '',
    ...(message.MessageAttributes && Object.keys(message.MessageAttributes).length > 0
      ? { MessageAttributes: message.MessageAttributes }
      : {}),
    ...(fifo
      ? {
          MessageGroupId: message.Attributes?.MessageGroupId ?? message.MessageId,
          MessageDeduplicationId: message.MessageId,
        }
      : {}),
  };
}

// Holds the task to its rate: `moved` messages may not have left sooner than moved / rate seconds in.
async function pace(task: MoveTaskState, started: number): Promise<void> {
  const rate = task.maxNumberOfMessagesPerSecond;
  if (!rate || task.cancelRequested) return;
  const due = started + (task.moved / rate) * 1000 - Date.now();
  if (due <= 0) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, due);
    task.wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  task.wake = undefined;
}
