import type { PublishResult, SendResult } from './types';

/** Some events were still refused by EventBridge after every retry: `results` says which and why. */
export class PublishError extends Error {
  override readonly name = 'PublishError';
  constructor(readonly results: PublishResult[]) {
    const failed = results.filter((r) => r.status === 'failed');
    super(
      `${failed.length} of ${results.length} events were not published: ` +
        failed.map((r) => `${r.detailType} ${r.eventId} (${r.errorCode}: ${r.errorMessage})`).join('; '),
    );
  }
}

/** An event is larger than one PutEvents request may carry; nothing was sent. Use a claim-check. */
export class EventTooLargeError extends Error {
  override readonly name = 'EventTooLargeError';
  constructor(
    readonly detailType: string,
    readonly eventId: string,
    readonly sizeBytes: number,
    readonly limitBytes: number,
  ) {
    super(`${detailType} ${eventId} is ${sizeBytes} bytes, over the ${limitBytes}-byte PutEvents limit`);
  }
}

/** Some commands were still refused by SQS after every retry: `results` says which and why. */
export class CommandSendError extends Error {
  override readonly name = 'CommandSendError';
  constructor(readonly results: SendResult[]) {
    const failed = results.filter((r) => r.status === 'failed');
    super(
      `${failed.length} of ${results.length} commands were not sent: ` +
        failed.map((r) => `${r.name} ${r.commandId} (${r.errorCode}: ${r.errorMessage})`).join('; '),
    );
  }
}

/** A message was delivered to a subscriber that has no observer for it. It goes back to its queue, then the DLQ. */
export class NoObserverError extends Error {
  override readonly name = 'NoObserverError';
}

/** A message body is not what its queue carries (not JSON, not an EventBridge event or a command). */
export class MalformedMessageError extends Error {
  override readonly name = 'MalformedMessageError';
}

/** Not processed because an earlier message of the same FIFO batch failed: order must be kept. */
export class SkippedAfterFailureError extends Error {
  override readonly name = 'SkippedAfterFailureError';
}

/**
 * Throw it from an observer or a command handler when the message can never succeed, however often it is
 * retried (a referenced record that cannot exist, a business rule the message breaks for good). The bus
 * moves the message to its consumer's DLQ at once, with this error's name and message as its reason, and
 * reports it handled, so neither a retry nor a FIFO group waits on it. Any other error is retried.
 *
 * @example
 * if (!order) throw new PermanentError(`order ${orderId} does not exist`);
 */
export class PermanentError extends Error {
  override readonly name: string = 'PermanentError';
}

/** A failed message could not be sent to its DLQ: it returns to its queue, and SQS's redrive takes over. */
export class DeadLetterSendError extends Error {
  override readonly name = 'DeadLetterSendError';
}

/** The dead-letter settings of a consumer (from its function's environment or options) are not usable. */
export class DeadLetterConfigError extends Error {
  override readonly name = 'DeadLetterConfigError';
}
