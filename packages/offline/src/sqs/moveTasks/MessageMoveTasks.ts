import { randomUUID } from 'node:crypto';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { SqsApiError } from '../errors';
import { parseQueueArn, queueUrlOf, sourceQueuesOf } from './queueArns';
import { runMoveTask, type MoveTaskState } from './runMoveTask';

export type MoveTaskStatus = 'RUNNING' | 'COMPLETED' | 'CANCELLING' | 'CANCELLED' | 'FAILED';

interface MoveTask extends MoveTaskState {
  taskHandle: string;
  status: MoveTaskStatus;
  failureReason?: string;
  startedTimestamp: number;
  done: Promise<void>;
}

/** AWS's limit on `MaxNumberOfMessagesPerSecond`. */
export const MAX_MESSAGES_PER_SECOND = 500;

export interface MessageMoveTasksOptions {
  /** fauxqs's own endpoint (the tasks talk to it directly, not through the edge). */
  endpoint: string;
}

/**
 * SQS's DLQ redrive (`StartMessageMoveTask`, `ListMessageMoveTasks`, `CancelMessageMoveTask`) over fauxqs,
 * which lacks it, with AWS's semantics: the source must be a DLQ (some queue's RedrivePolicy names it); the
 * destination is a given queue or, by default, each message's own source queue; at most 500 messages a
 * second when a rate is given; one RUNNING task per source queue; status and approximate counts, newest
 * task first; AWS's error names. Inputs and outputs are the API's JSON shapes.
 *
 * @example
 * const tasks = new MessageMoveTasks({ endpoint: sqs.endpoint });
 * const { TaskHandle } = await tasks.start({ SourceArn: 'arn:aws:sqs:us-east-1:000000000000:loans-dev-lending-dlq' });
 */
export class MessageMoveTasks {
  private readonly tasks: MoveTask[] = [];
  private readonly clients = new Map<string, SQSClient>();

  constructor(private readonly options: MessageMoveTasksOptions) {}

  async start(input: Record<string, unknown>): Promise<{ TaskHandle: string }> {
    const source = parseQueueArn(required(input, 'SourceArn'), 'SourceArn');
    const sqs = this.client(source.region);
    const rate = input.MaxNumberOfMessagesPerSecond;
    if (
      rate !== undefined &&
      (!Number.isInteger(rate) || (rate as number) < 1 || (rate as number) > MAX_MESSAGES_PER_SECOND)
    ) {
      throw new SqsApiError(
        'InvalidParameterValue',
        `Value ${JSON.stringify(rate)} for parameter MaxNumberOfMessagesPerSecond is invalid. ` +
          `Reason: it must be an integer from 1 to ${MAX_MESSAGES_PER_SECOND}.`,
      );
    }
    const sourceUrl = await queueUrlOf(sqs, source, 'SourceArn');
    const sourceQueues = await sourceQueuesOf(sqs, source.arn);
    if (sourceQueues.length === 0) {
      throw new SqsApiError('InvalidParameterValue', 'Source queue must be configured as a Dead Letter Queue.');
    }
    const destinationArn = input.DestinationArn === undefined ? undefined : String(input.DestinationArn);
    if (destinationArn !== undefined) {
      await queueUrlOf(sqs, parseQueueArn(destinationArn, 'DestinationArn'), 'DestinationArn');
    }
    if (this.tasks.some((t) => t.sourceArn === source.arn && (t.status === 'RUNNING' || t.status === 'CANCELLING'))) {
      throw new SqsApiError(
        'InvalidParameterValue',
        'There is already a task running. Only one active task is allowed for a source queue arn at a given time.',
      );
    }
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: sourceUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    const task: MoveTask = {
      taskHandle: Buffer.from(JSON.stringify({ taskId: randomUUID(), sourceArn: source.arn })).toString('base64'),
      sourceArn: source.arn,
      sourceUrl,
      ...(destinationArn !== undefined ? { destinationArn } : {}),
      sourceQueues,
      ...(rate !== undefined ? { maxNumberOfMessagesPerSecond: rate as number } : {}),
      toMove: Number(Attributes.ApproximateNumberOfMessages ?? 0),
      moved: 0,
      cancelRequested: false,
      status: 'RUNNING',
      startedTimestamp: Date.now(),
      done: Promise.resolve(),
    };
    this.tasks.push(task);
    task.done = runMoveTask(sqs, task).then(
      () => void (task.status = task.cancelRequested ? 'CANCELLED' : 'COMPLETED'),
      (error: unknown) => {
        task.status = 'FAILED';
        task.failureReason = error instanceof Error ? error.message : String(error);
      },
    );
    return { TaskHandle: task.taskHandle };
  }

  async list(input: Record<string, unknown>): Promise<{ Results: Record<string, unknown>[] }> {
    const source = parseQueueArn(required(input, 'SourceArn'), 'SourceArn');
    await queueUrlOf(this.client(source.region), source, 'SourceArn');
    const max = input.MaxResults ?? 1;
    if (!Number.isInteger(max) || (max as number) < 1 || (max as number) > 10) {
      throw new SqsApiError(
        'InvalidParameterValue',
        `Value ${JSON.stringify(max)} for parameter MaxResults is invalid.`,
      );
    }
    const results = this.tasks
      .filter((t) => t.sourceArn === source.arn)
      .reverse()
      .slice(0, max as number)
      .map((t) => ({
        // AWS hands out the handle of a running task only: nothing else can be cancelled.
        ...(t.status === 'RUNNING' ? { TaskHandle: t.taskHandle } : {}),
        Status: t.status,
        SourceArn: t.sourceArn,
        ...(t.destinationArn !== undefined ? { DestinationArn: t.destinationArn } : {}),
        ...(t.maxNumberOfMessagesPerSecond !== undefined
          ? { MaxNumberOfMessagesPerSecond: t.maxNumberOfMessagesPerSecond }
          : {}),
        ApproximateNumberOfMessagesMoved: t.moved,
        ApproximateNumberOfMessagesToMove: t.toMove,
        ...(t.failureReason !== undefined ? { FailureReason: t.failureReason } : {}),
        StartedTimestamp: t.startedTimestamp,
      }));
    return { Results: results };
  }

  cancel(input: Record<string, unknown>): { ApproximateNumberOfMessagesMoved: number } {
    const handle = required(input, 'TaskHandle');
    const task = this.tasks.find((t) => t.taskHandle === handle);
    if (!task) throw new SqsApiError('ResourceNotFoundException', 'Task does not exist.');
    if (task.status !== 'RUNNING') {
      throw new SqsApiError(
        'InvalidParameterValue',
        `Only a RUNNING task can be cancelled; this one is ${task.status}.`,
      );
    }
    task.status = 'CANCELLING';
    task.cancelRequested = true;
    task.wake?.();
    return { ApproximateNumberOfMessagesMoved: task.moved };
  }

  /** Cancels every running task, waits for them, and closes the clients. */
  async close(): Promise<void> {
    for (const task of this.tasks) {
      task.cancelRequested = true;
      task.wake?.();
    }
    await Promise.all(this.tasks.map((t) => t.done));
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }

  // One client per region: fauxqs keeps each region's queues apart by the request's SigV4 scope.
  private client(region: string): SQSClient {
    let client = this.clients.get(region);
    if (!client) {
      client = new SQSClient({
        endpoint: this.options.endpoint,
        region,
        credentials: { accessKeyId: 'offline', secretAccessKey: 'offline' },
      });
      this.clients.set(region, client);
    }
    return client;
  }
}

function required(input: Record<string, unknown>, name: string): string {
  const value = input[name];
  if (typeof value !== 'string' || value === '') {
    throw new SqsApiError('MissingParameter', `The request must contain the parameter ${name}.`);
  }
  return value;
}
