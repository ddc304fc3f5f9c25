import type { MessageAttributeValue } from '@aws-sdk/client-sqs';
import type { SQSMessageAttribute, SQSRecord } from 'aws-lambda';
import type { FailureKind } from './classifyFailure';
import { isObject } from './messageContext';

/** SQS takes at most 10 message attributes per message: the dead letter's and the original's share them. */
export const MAX_MESSAGE_ATTRIBUTES = 10;

/** A reason longer than this many characters is cut, ending in `…`, so the dead letter always fits. */
export const REASON_MAX_LENGTH = 1000;

/**
 * The names of the attributes every dead letter the bus moves carries (docs/dead-letters.md). The `mesh.`
 * prefix keeps them apart from the original message's own attributes, which fill the slots left.
 */
export const DEAD_LETTER_ATTRIBUTES = {
  /** `permanent` (it can never succeed) or `retries-exhausted` (it failed on its last allowed receive). */
  failureKind: 'mesh.failureKind',
  /** The contract path and message, or the error's name and message, cut at {@link REASON_MAX_LENGTH}. */
  reason: 'mesh.reason',
  /** The subscriber or command consumer that failed it. */
  consumer: 'mesh.consumer',
  /** The observer that threw, when one did (a message refused before any observer ran has none). */
  observer: 'mesh.observer',
  /** The ARN of the queue it failed on: where a redrive sends it back. */
  sourceQueue: 'mesh.sourceQueue',
  /** When the consumer gave up on it, ISO 8601. */
  failedAt: 'mesh.failedAt',
  /** SQS's ApproximateReceiveCount of the receive that gave up. */
  receiveCount: 'mesh.receiveCount',
  /** The envelope's eventId, or a command's commandId, when the body has one. */
  eventId: 'mesh.eventId',
  /** The envelope's correlationId, when the body has one. */
  correlationId: 'mesh.correlationId',
} as const;

/** What a dead letter says about its failure. */
export interface DeadLetterFacts {
  kind: Exclude<FailureKind, 'retriable'>;
  reason: string;
  consumer: string;
  observer?: string;
  failedAt: Date;
  receiveCount: number;
}

/**
 * The message attributes of a dead letter: the mesh's (at most 9, see {@link DEAD_LETTER_ATTRIBUTES}) then
 * the original's, by name, while they fit in {@link MAX_MESSAGE_ATTRIBUTES}. Returns the names of the
 * original attributes left out too, for the log.
 *
 * @example
 * const { attributes } = deadLetterAttributes(record, { kind: 'permanent', reason, consumer, failedAt: new Date(), receiveCount: 1 });
 */
export function deadLetterAttributes(
  record: SQSRecord,
  facts: DeadLetterFacts,
): { attributes: Record<string, MessageAttributeValue>; dropped: string[] } {
  const names = DEAD_LETTER_ATTRIBUTES;
  const ids = idsOf(record.body);
  const attributes: Record<string, MessageAttributeValue> = {
    [names.failureKind]: text(facts.kind),
    [names.reason]: text(truncate(facts.reason, REASON_MAX_LENGTH)),
    [names.consumer]: text(facts.consumer),
    [names.sourceQueue]: text(record.eventSourceARN),
    [names.failedAt]: text(facts.failedAt.toISOString()),
    [names.receiveCount]: { DataType: 'Number', StringValue: String(facts.receiveCount) },
  };
  if (facts.observer) attributes[names.observer] = text(facts.observer);
  if (ids.key) attributes[names.eventId] = text(ids.key);
  if (ids.correlationId) attributes[names.correlationId] = text(ids.correlationId);

  const dropped: string[] = [];
  const originals = Object.keys(record.messageAttributes ?? {})
    // A redriven dead letter that fails again gets new mesh attributes, not two sets.
    .filter((name) => !name.startsWith('mesh.'))
    .sort();
  for (const name of originals) {
    const value = toSendable(record.messageAttributes[name]!);
    if (value && Object.keys(attributes).length < MAX_MESSAGE_ATTRIBUTES) attributes[name] = value;
    else dropped.push(name);
  }
  return { attributes, dropped };
}

/**
 * Cuts `value` to at most `max` characters, marking the cut with `…`, without splitting a surrogate pair.
 *
 * @example
 * truncate('abcdef', 4); // 'abc…'
 */
export function truncate(value: string, max: number): string {
  if (value.length <= max) return value;
  let cut = max - 1;
  const last = value.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return `${value.slice(0, cut)}…`;
}

const text = (StringValue: string): MessageAttributeValue => ({ DataType: 'String', StringValue });

// The ids of an event (EventBridge event with our envelope as detail) or a command envelope, if the body
// parses: a malformed body has none, and its dead letter says so by their absence.
function idsOf(body: string): { key?: string; correlationId?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return {};
  }
  if (!isObject(parsed)) return {};
  const envelope = isObject(parsed.detail) ? parsed.detail : parsed;
  const key = envelope.eventId ?? envelope.commandId;
  const id = (value: unknown) => (typeof value === 'string' && value !== '' ? truncate(value, 256) : undefined);
  return { key: id(key), correlationId: id(envelope.correlationId) };
}

// Lambda's record attributes (camelCase, binary as base64) → SendMessage's; list values are reserved by SQS.
function toSendable(attribute: SQSMessageAttribute): MessageAttributeValue | undefined {
  if (attribute.stringValue !== undefined) {
    return { DataType: attribute.dataType, StringValue: attribute.stringValue };
  }
  if (attribute.binaryValue !== undefined) {
    return { DataType: attribute.dataType, BinaryValue: Buffer.from(attribute.binaryValue, 'base64') };
  }
  return undefined;
}
