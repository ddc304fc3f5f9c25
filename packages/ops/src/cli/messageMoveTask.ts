import {
  CancelMessageMoveTaskCommand,
  ListMessageMoveTasksCommand,
  StartMessageMoveTaskCommand,
  type ListMessageMoveTasksResultEntry,
  type SQSClient,
} from '@aws-sdk/client-sqs';

export interface MoveTaskRequest {
  /** The DLQ's ARN. */
  sourceArn: string;
  /** Where to; by default each message's own source queue (SQS decides). */
  destinationArn?: string;
  /** SQS's MaxNumberOfMessagesPerSecond (1–500); SQS's own pace by default. */
  maxPerSecond?: number;
  /** Aborting it cancels the task (CancelMessageMoveTask). */
  signal?: AbortSignal;
  onProgress?: (moved: number, toMove: number, status: string) => void;
  /** Between two ListMessageMoveTasks calls; 500 ms by default. */
  pollMs?: number;
}

export interface MoveTaskOutcome {
  status: string;
  moved: number;
  toMove: number;
  failureReason?: string;
  cancelledByUs: boolean;
}

const FINAL = ['COMPLETED', 'CANCELLED', 'FAILED'];

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * Redrives a DLQ with SQS's own message move task (StartMessageMoveTask, as the console's "Start DLQ
 * redrive"), following it with ListMessageMoveTasks until it is COMPLETED, CANCELLED or FAILED. Aborting
 * `signal` cancels it (CancelMessageMoveTask); SQS errors (a queue that is no DLQ, a task already running)
 * throw the SDK's named errors.
 *
 * @example
 * const outcome = await moveDeadLetters(sqs, { sourceArn: 'arn:aws:sqs:us-east-1:000000000000:loans-dev-lending-dlq' });
 */
export async function moveDeadLetters(sqs: SQSClient, request: MoveTaskRequest): Promise<MoveTaskOutcome> {
  const { TaskHandle } = await sqs.send(
    new StartMessageMoveTaskCommand({
      SourceArn: request.sourceArn,
      ...(request.destinationArn ? { DestinationArn: request.destinationArn } : {}),
      ...(request.maxPerSecond ? { MaxNumberOfMessagesPerSecond: request.maxPerSecond } : {}),
    }),
  );
  let cancelledByUs = false;
  for (;;) {
    if (request.signal?.aborted && !cancelledByUs) {
      cancelledByUs = true;
      try {
        await sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle }));
      } catch (error) {
        // It ended meanwhile: its final status tells what happened.
        if (!['ResourceNotFoundException', 'InvalidParameterValue'].includes((error as Error).name)) throw error;
        cancelledByUs = false;
      }
    }
    const task = await ourTask(sqs, request.sourceArn, TaskHandle);
    const moved = task.ApproximateNumberOfMessagesMoved ?? 0;
    const toMove = task.ApproximateNumberOfMessagesToMove ?? moved;
    const status = task.Status ?? 'RUNNING';
    request.onProgress?.(moved, toMove, status);
    if (FINAL.includes(status)) {
      return {
        status,
        moved,
        toMove,
        ...(task.FailureReason ? { failureReason: task.FailureReason } : {}),
        cancelledByUs,
      };
    }
    await sleep(request.pollMs ?? 500, cancelledByUs ? undefined : request.signal);
  }
}

// The newest task of the queue: ours while it runs (its handle), and once it ended (AWS lists no handle then;
// one task runs per queue at a time, so the newest is still ours).
async function ourTask(
  sqs: SQSClient,
  sourceArn: string,
  handle: string | undefined,
): Promise<ListMessageMoveTasksResultEntry> {
  const { Results = [] } = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: sourceArn, MaxResults: 10 }));
  return Results.find((r) => r.TaskHandle === handle) ?? Results[0] ?? { Status: 'RUNNING' };
}
