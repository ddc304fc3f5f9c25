import type { SQSClient } from '@aws-sdk/client-sqs';
import { peekMessages, type PeekedMessage } from '../cli/peek';
import type { Hop, HopRecorder } from '@mesh/offline';

/** A message of a dead-letter queue, with why it got there. */
export interface DeadLetter extends PeekedMessage {
  /**
   * Why it failed: the `mesh.reason` attribute the bus gave it when it moved it, else the reason of the latest `failed` hop of its SQS message id (the id stays the same when SQS
   * moves a message to its DLQ), else of a `dead-lettered` hop of its event, else EventBridge's
   * `ERROR_CODE: ERROR_MESSAGE` attributes. Absent when nothing recorded one.
   */
  reason?: string;
  /** The function that failed it, when known. */
  failedBy?: string;
  /** How many times a function failed it (its `failed` hops). */
  failures: number;
  /** Epoch ms of the latest failure, when recorded. */
  failedAt?: number;
}

const latest = (hops: readonly Hop[]): Hop | undefined => hops.at(-1);

/**
 * Why a dead letter failed, from the hop recorder (see {@link DeadLetter.reason}).
 *
 * @example
 * const { reason } = explainDeadLetter(hops, message); // 'BookLent: data.books: Too small: …'
 */
export function explainDeadLetter(hops: HopRecorder, message: PeekedMessage): DeadLetter {
  const failed = hops.query({ messageId: message.messageId, kind: 'failed' });
  const withReason = latest(failed.filter((hop) => hop.reason));
  const deadLettered =
    withReason || !message.summary?.id
      ? undefined
      : latest(hops.query({ eventId: message.summary.id, kind: 'dead-lettered' }).filter((hop) => hop.reason));
  const fromAttributes = message.failure?.ERROR_CODE
    ? [message.failure.ERROR_CODE, message.failure.ERROR_MESSAGE].filter(Boolean).join(': ')
    : undefined;
  // The bus's own attributes travel with the message; the hops (logs) are the fallback for what SQS moved itself.
  const reason = message.deadLetter?.reason ?? withReason?.reason ?? deadLettered?.reason ?? fromAttributes;
  const last = latest(failed);
  const consumer = [message.deadLetter?.consumer, message.deadLetter?.observer].filter(Boolean).join('/');
  const failedBy = consumer || (withReason?.functionName ?? last?.functionName ?? withReason?.service ?? last?.service);
  return {
    ...message,
    ...(reason ? { reason } : {}),
    ...(failedBy ? { failedBy } : {}),
    failures: failed.length,
    ...(last ? { failedAt: last.at } : {}),
  };
}

/**
 * Up to `max` messages of a DLQ, left in place (see {@link peekMessages}: DLQs have no redrive policy, so a
 * peek moves nothing), each with why it failed.
 *
 * @example
 * const letters = await deadLetters(sqs, dlqUrl, hops);
 */
export async function deadLetters(
  sqs: SQSClient,
  dlqUrl: string,
  hops: HopRecorder,
  options: { max?: number } = {},
): Promise<DeadLetter[]> {
  const messages = await peekMessages(sqs, dlqUrl, { max: options.max ?? 50, holdSeconds: 10 });
  return messages.map((message) => explainDeadLetter(hops, message));
}
