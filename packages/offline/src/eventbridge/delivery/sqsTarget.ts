import {
  GetQueueUrlCommand,
  SendMessageBatchCommand,
  SQSClient,
  type BatchResultErrorEntry,
  type MessageAttributeValue,
  type SendMessageBatchRequestEntry,
} from '@aws-sdk/client-sqs';
import { queueNameOf, type ParsedArn } from '../arns';
import { TargetInvocationError } from '../errors';
import { AWS_TRACE_HEADER, OFFLINE_TRACE_HEADER_ATTRIBUTE } from './traceHeader';

export interface SqsMessage {
  body: string;
  messageGroupId?: string;
  attributes?: Record<string, MessageAttributeValue>;
  /** Sent as the `AWSTraceHeader` system attribute (and, for fauxqs, {@link OFFLINE_TRACE_HEADER_ATTRIBUTE}). */
  traceHeader?: string;
}

/** SendMessageBatch takes up to 10 entries… */
const MAX_BATCH_ENTRIES = 10;
/** …of at most 256 KiB together (the long-standing limit; fauxqs's, whatever AWS raised it to since). */
const MAX_BATCH_BYTES = 256 * 1024;

interface PendingEntry {
  entry: SendMessageBatchRequestEntry;
  bytes: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface PendingBatch {
  client: SQSClient;
  queueArn: string;
  queueUrl: string;
  entries: PendingEntry[];
  bytes: number;
}

/**
 * Sends to SQS queues named by ARN, on the configured SQS endpoint (fauxqs offline): the ARN's queue name is
 * resolved once with GetQueueUrl, as EventBridge needs no URL. Each call is one attempt; retries belong to
 * the target's RetryPolicy, so the SDK's own retries are off.
 *
 * Messages sent to one queue in the same turn of the event loop (the matches of one PutEvents call, say)
 * go together in SendMessageBatch calls of up to 10, as EventBridge's own SQS deliveries are batched on
 * AWS's side, while each `send` still settles with its own message's result: a failed entry rejects its
 * own call only, with the entry's error code as the error's name (classified as SendMessage's would be).
 */
export class SqsTargetClient {
  private readonly clients = new Map<string, SQSClient>();
  private readonly queueUrls = new Map<string, string>();
  private readonly pending = new Map<string, PendingBatch>();
  private flushScheduled = false;

  constructor(private readonly endpoint: string) {}

  async send(queueArn: string, arn: ParsedArn, message: SqsMessage): Promise<void> {
    const client = this.client(arn.region);
    const queueName = queueNameOf(arn);
    const fifo = queueName.endsWith('.fifo');
    if (fifo && !message.messageGroupId)
      throw new TargetInvocationError(
        'SDK_CLIENT_ERROR',
        `MessageGroupId is required for FIFO queue ${queueArn}`,
        false,
      );
    const queueUrl = await this.queueUrl(client, queueArn, queueName);
    const { traceHeader } = message;
    const attributes = traceHeader
      ? { ...message.attributes, [OFFLINE_TRACE_HEADER_ATTRIBUTE]: { DataType: 'String', StringValue: traceHeader } }
      : message.attributes;
    const entry: Omit<SendMessageBatchRequestEntry, 'Id'> = {
      MessageBody: message.body,
      ...(fifo ? { MessageGroupId: message.messageGroupId } : {}),
      ...(attributes ? { MessageAttributes: attributes } : {}),
      // What EventBridge sends; fauxqs drops it, hence the message attribute above.
      ...(traceHeader
        ? { MessageSystemAttributes: { [AWS_TRACE_HEADER]: { DataType: 'String', StringValue: traceHeader } } }
        : {}),
    };
    return new Promise<void>((resolve, reject) => this.enqueue(client, queueArn, queueUrl, entry, resolve, reject));
  }

  close(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }

  private enqueue(
    client: SQSClient,
    queueArn: string,
    queueUrl: string,
    entry: Omit<SendMessageBatchRequestEntry, 'Id'>,
    resolve: () => void,
    reject: (error: unknown) => void,
  ): void {
    const bytes = Buffer.byteLength(entry.MessageBody ?? '') + attributeBytes(entry.MessageAttributes);
    const key = `${queueArn}\u0000${queueUrl}`;
    let batch = this.pending.get(key);
    if (batch && batch.bytes + bytes > MAX_BATCH_BYTES) {
      this.pending.delete(key);
      void this.sendBatch(batch);
      batch = undefined;
    }
    if (!batch) {
      batch = { client, queueArn, queueUrl, entries: [], bytes: 0 };
      this.pending.set(key, batch);
    }
    batch.entries.push({ entry: { ...entry, Id: String(batch.entries.length) }, bytes, resolve, reject });
    batch.bytes += bytes;
    if (batch.entries.length === MAX_BATCH_ENTRIES) {
      this.pending.delete(key);
      void this.sendBatch(batch);
      return;
    }
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        const batches = [...this.pending.values()];
        this.pending.clear();
        for (const pending of batches) void this.sendBatch(pending);
      });
    }
  }

  private async sendBatch(batch: PendingBatch): Promise<void> {
    const { entries } = batch;
    try {
      const { Failed = [] } = await batch.client.send(
        new SendMessageBatchCommand({ QueueUrl: batch.queueUrl, Entries: entries.map((pending) => pending.entry) }),
      );
      const failed = new Map(Failed.map((failure) => [failure.Id, failure]));
      for (const pending of entries) {
        const failure = failed.get(pending.entry.Id);
        if (!failure) pending.resolve();
        else pending.reject(entryError(failure));
      }
    } catch (error) {
      // The queue may have been deleted and created again under a new URL.
      this.queueUrls.delete(batch.queueArn);
      for (const pending of entries) pending.reject(error);
    }
  }

  private async queueUrl(client: SQSClient, queueArn: string, queueName: string): Promise<string> {
    const known = this.queueUrls.get(queueArn);
    if (known) return known;
    const { QueueUrl } = await client.send(new GetQueueUrlCommand({ QueueName: queueName }));
    if (!QueueUrl) throw new TargetInvocationError('RESOURCE_NOT_FOUND', `Queue ${queueArn} has no URL`, false);
    this.queueUrls.set(queueArn, QueueUrl);
    return QueueUrl;
  }

  private client(region: string): SQSClient {
    let client = this.clients.get(region);
    if (!client) {
      client = new SQSClient({
        endpoint: this.endpoint,
        region: region || 'us-east-1',
        credentials: OFFLINE_CREDENTIALS,
        maxAttempts: 1,
      });
      this.clients.set(region, client);
    }
    return client;
  }
}

/** A failed batch entry as the error SendMessage would have thrown: its code as the name, its fault as the status. */
function entryError(failure: BatchResultErrorEntry): Error {
  const error = new Error(failure.Message || failure.Code || 'SendMessageBatch entry failed') as Error & {
    $metadata: { httpStatusCode: number };
  };
  error.name = failure.Code || 'Error';
  error.$metadata = { httpStatusCode: failure.SenderFault ? 400 : 500 };
  return error;
}

/** What SQS counts of message attributes against the size limit: names, types and values. */
function attributeBytes(attributes: Record<string, MessageAttributeValue> | undefined): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(attributes ?? {})) {
    bytes += Buffer.byteLength(name) + Buffer.byteLength(value.DataType ?? '');
    bytes += value.StringValue !== undefined ? Buffer.byteLength(value.StringValue) : (value.BinaryValue?.length ?? 0);
  }
  return bytes;
}

/** The emulators accept any credentials; these keep the SDK from looking for real ones. */
export const OFFLINE_CREDENTIALS = { accessKeyId: 'offline', secretAccessKey: 'offline' };
