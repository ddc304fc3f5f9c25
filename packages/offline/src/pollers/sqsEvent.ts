import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';
import { OFFLINE_TRACE_HEADER_ATTRIBUTE } from '../eventbridge/delivery/traceHeader';

/** A message attribute in the shape Lambda hands to functions (camelCase, binaries in base64). */
export interface SQSMessageAttribute {
  stringValue?: string;
  binaryValue?: string;
  stringListValues: string[];
  binaryListValues: string[];
  dataType: string;
}

/** One record of Lambda's SQS event. */
export interface SQSRecord {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: Record<string, string>;
  messageAttributes: Record<string, SQSMessageAttribute>;
  md5OfBody: string;
  md5OfMessageAttributes?: string;
  eventSource: 'aws:sqs';
  eventSourceARN: string;
  awsRegion: string;
}

export interface SQSEvent {
  Records: SQSRecord[];
}

/** The system attributes Lambda passes on (FIFO ones only exist on FIFO queues). */
const LAMBDA_ATTRIBUTES = [
  'ApproximateReceiveCount',
  'SentTimestamp',
  'SequenceNumber',
  'MessageGroupId',
  'SenderId',
  'MessageDeduplicationId',
  'ApproximateFirstReceiveTimestamp',
  'AWSTraceHeader',
  'DeadLetterQueueSourceArn',
];

const base64 = (value: Uint8Array) => Buffer.from(value).toString('base64');

function toLambdaAttribute(value: MessageAttributeValue): SQSMessageAttribute {
  return {
    ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
    ...(value.BinaryValue !== undefined ? { binaryValue: base64(value.BinaryValue) } : {}),
    stringListValues: value.StringListValues ?? [],
    binaryListValues: (value.BinaryListValues ?? []).map(base64),
    dataType: value.DataType ?? 'String',
  };
}

/**
 * A received SQS message → a record of Lambda's SQS event, as an SQS event source mapping builds it. The
 * trace header the offline EventBridge had to carry as a message attribute (fauxqs drops the
 * `AWSTraceHeader` system attribute) is handed over where Lambda puts it, `attributes.AWSTraceHeader`, and
 * is not among `messageAttributes`.
 *
 * @example
 * const event: SQSEvent = { Records: Messages.map((m) => toSqsRecord(m, queueArn, 'us-east-1')) };
 */
export function toSqsRecord(message: Message, eventSourceARN: string, awsRegion: string): SQSRecord {
  const attributes: Record<string, string> = {};
  for (const name of LAMBDA_ATTRIBUTES) {
    const value = message.Attributes?.[name as keyof typeof message.Attributes];
    if (value !== undefined) attributes[name] = value;
  }
  const messageAttributes: Record<string, SQSMessageAttribute> = {};
  let carried = false;
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    if (name === OFFLINE_TRACE_HEADER_ATTRIBUTE) {
      carried = true;
      if (value.StringValue && attributes.AWSTraceHeader === undefined) attributes.AWSTraceHeader = value.StringValue;
      continue;
    }
    messageAttributes[name] = toLambdaAttribute(value);
  }
  // The digest covered the carrier too: with nothing else left it describes no attribute Lambda hands over.
  const md5OfMessageAttributes =
    carried && Object.keys(messageAttributes).length === 0 ? undefined : message.MD5OfMessageAttributes;
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes,
    messageAttributes,
    md5OfBody: message.MD5OfBody ?? '',
    ...(md5OfMessageAttributes ? { md5OfMessageAttributes } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN,
    awsRegion,
  };
}
