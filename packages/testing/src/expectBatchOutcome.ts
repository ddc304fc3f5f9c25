import type { FuzzMessage, LogLine } from './fuzz';

/** What a consumer answers to an SQS batch: the messages it failed (`ReportBatchItemFailures`). */
export interface BatchAnswer {
  batchItemFailures: readonly { itemIdentifier: string }[];
}

/**
 * Checks a consumer's answer to a batch of generated messages ({@link messageArbitrary}): each message failed
 * exactly when it is invalid, and each invalid one logged one non-blank reason under its message id. Throws
 * naming the message's kind, id and body otherwise.
 *
 * @example
 * const records = batch.map((m) => sqsRecord(m.body, { queue, messageId: randomUUID() }));
 * expectBatchOutcome(batch, records, await handler(sqsEvent(records), lambdaContext('fuzz')), lines);
 */
export function expectBatchOutcome(
  batch: readonly FuzzMessage[],
  records: readonly { messageId: string }[],
  answer: BatchAnswer,
  lines: readonly LogLine[],
): void {
  const failed = new Set(answer.batchItemFailures.map((failure) => failure.itemIdentifier));
  batch.forEach((message, i) => {
    const messageId = records[i]?.messageId;
    if (messageId === undefined) throw new Error(`no record for message ${i} of the batch`);
    if (failed.has(messageId) === message.valid) {
      const outcome = message.valid ? 'was failed' : 'was not failed';
      throw new Error(`a ${message.kind} message (${messageId}) ${outcome}: ${message.body.slice(0, 300)}`);
    }
    if (message.valid) return;
    const reasons = lines.filter((line) => line.messageId === messageId).map((line) => line.reason);
    if (reasons.length !== 1 || typeof reasons[0] !== 'string' || !/\S/.test(reasons[0])) {
      throw new Error(
        `a ${message.kind} message (${messageId}) failed with ${reasons.length} logged reason(s), not one: ${JSON.stringify(reasons)}`,
      );
    }
  });
}
