import {
  BatchProcessor,
  EventType,
  processPartialResponse,
  SqsFifoPartialProcessorAsync,
} from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { Logger } from './logger';

/** True when the batch comes from a FIFO queue, whose order must survive a failure. */
export function isFifoBatch(event: SQSEvent): boolean {
  return event.Records[0]?.eventSourceARN.endsWith('.fifo') ?? false;
}

/**
 * Runs `handleRecord` over an SQS batch with Powertools' partial-batch processors and returns only the
 * failed message ids. On a FIFO queue the first failure stops the batch and every later message fails
 * too (Powertools' FIFO processor), so a message group is never reordered. A batch whose every message
 * failed still answers with the list instead of throwing, so the successes of no batch are thrown away.
 */
export async function consumeBatch(
  event: SQSEvent,
  context: Context | undefined,
  handleRecord: (record: SQSRecord) => Promise<void>,
  logger: Logger,
): Promise<SQSBatchResponse> {
  const fifo = isFifoBatch(event);
  const processor = fifo ? new SqsFifoPartialProcessorAsync() : new BatchProcessor(EventType.SQS);
  const response = await processPartialResponse(event, handleRecord, processor, {
    ...(context ? { context } : {}),
    throwOnFullBatchFailure: false,
  });
  if (fifo && response.batchItemFailures.length > 0) {
    logger.warn('FIFO batch stopped at its first failure; later messages return to the queue', {
      failed: response.batchItemFailures.length,
      total: event.Records.length,
    });
  }
  return response;
}
