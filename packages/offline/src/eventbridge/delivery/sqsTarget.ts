import { GetQueueUrlCommand, SendMessageCommand, SQSClient, type MessageAttributeValue } from '@aws-sdk/client-sqs';
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

/**
 * Sends to SQS queues named by ARN, on the configured SQS endpoint (fauxqs offline): the ARN's queue name is
 * resolved once with GetQueueUrl, as EventBridge needs no URL. Each call is one attempt; retries belong to
 * the target's RetryPolicy, so the SDK's own retries are off.
 */
export class SqsTargetClient {
  private readonly clients = new Map<string, SQSClient>();
  private readonly queueUrls = new Map<string, string>();

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
    try {
      await client.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: message.body,
          ...(fifo ? { MessageGroupId: message.messageGroupId } : {}),
          ...(attributes ? { MessageAttributes: attributes } : {}),
          // What EventBridge sends; fauxqs drops it, hence the message attribute above.
          ...(traceHeader
            ? { MessageSystemAttributes: { [AWS_TRACE_HEADER]: { DataType: 'String', StringValue: traceHeader } } }
            : {}),
        }),
      );
    } catch (error) {
      // The queue may have been deleted and created again under a new URL.
      this.queueUrls.delete(queueArn);
      throw error;
    }
  }

  close(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
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

/** The emulators accept any credentials; these keep the SDK from looking for real ones. */
export const OFFLINE_CREDENTIALS = { accessKeyId: 'offline', secretAccessKey: 'offline' };
