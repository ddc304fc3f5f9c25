import { ScanCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  ChangeMessageVisibilityBatchCommand,
  GetQueueAttributesCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';

export interface StoredOrder {
  orderId: string;
  customerId: string;
  status: string;
  cancelReason?: string;
  paymentId?: string;
  correlationId: string;
  items: { sku: string; quantity: number }[];
}

export interface StoredStock {
  sku: string;
  onHand: number;
  reserved: number;
  available: number;
}

export interface StoredReservation {
  orderId: string;
  status: string;
  items: { sku: string; quantity: number }[];
}

export interface StoredPayment {
  orderId: string;
  status: string;
  paymentId?: string;
  refundId?: string;
}

export interface QueueDepth {
  name: string;
  url: string;
  dlq: boolean;
  visible: number;
  inFlight: number;
  delayed: number;
}

export interface DlqMessage {
  queue: string;
  messageId: string;
  receiveCount: number;
  body: string;
  /** EventBridge's ERROR_CODE / ERROR_MESSAGE when the bus put it there. */
  errorCode?: string;
  errorMessage?: string;
}

/** A DynamoDB attribute as plain JSON (the few types the services store). */
export function fromAttribute(value: AttributeValue | undefined): unknown {
  if (!value) return undefined;
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL) return null;
  if (value.L) return value.L.map(fromAttribute);
  if (value.M) return fromItem(value.M);
  return undefined;
}

function fromItem(item: Record<string, AttributeValue>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).map(([key, value]) => [key, fromAttribute(value)]));
}

/** Every item of `table` whose `pk` starts with `prefix` (consistent, every page). */
export async function scanPrefix(
  dynamo: DynamoDBClient,
  table: string,
  prefix: string,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamo.send(
      new ScanCommand({
        TableName: table,
        ConsistentRead: true,
        FilterExpression: 'begins_with(pk, :prefix)',
        ExpressionAttributeValues: { ':prefix': { S: prefix } },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of page.Items ?? []) items.push(fromItem(item));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

const lines = (value: unknown) =>
  (Array.isArray(value) ? value : []).map((line) => ({
    sku: String((line as { sku?: unknown }).sku),
    quantity: Number((line as { quantity?: unknown }).quantity),
  }));
const optional = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

export async function readOrders(dynamo: DynamoDBClient, table: string): Promise<StoredOrder[]> {
  return (await scanPrefix(dynamo, table, 'ORDER#'))
    .filter((item) => item.sk === 'ORDER')
    .map((item) => ({
      orderId: String(item.orderId),
      customerId: String(item.customerId),
      status: String(item.status),
      ...(optional(item.cancelReason) ? { cancelReason: optional(item.cancelReason) } : {}),
      ...(optional(item.paymentId) ? { paymentId: optional(item.paymentId) } : {}),
      correlationId: String(item.correlationId),
      items: lines(item.items),
    }));
}

export async function readInventory(
  dynamo: DynamoDBClient,
  table: string,
): Promise<{ stock: StoredStock[]; reservations: StoredReservation[] }> {
  const stock = (await scanPrefix(dynamo, table, 'STOCK#')).map((item) => ({
    sku: String(item.sku),
    onHand: Number(item.onHand),
    reserved: Number(item.reserved),
    available: Number(item.available),
  }));
  const reservations = (await scanPrefix(dynamo, table, 'ORDER#'))
    .filter((item) => item.sk === 'RESERVATION')
    .map((item) => ({ orderId: String(item.orderId), status: String(item.status), items: lines(item.items) }));
  return { stock, reservations };
}

export async function readPayments(dynamo: DynamoDBClient, table: string): Promise<StoredPayment[]> {
  return (await scanPrefix(dynamo, table, 'PAYMENT#')).map((item) => ({
    orderId: String(item.orderId),
    status: String(item.status),
    ...(optional(item.paymentId) ? { paymentId: optional(item.paymentId) } : {}),
    ...(optional(item.refundId) ? { refundId: optional(item.refundId) } : {}),
  }));
}

const isDlq = (name: string) => /-dlq(\.fifo)?$/.test(name);

/** Depths of every queue of the stage's services (`<service>-<stage>-…`), DLQs marked. */
export async function queueDepths(sqs: SQSClient, services: readonly string[], stage: string): Promise<QueueDepth[]> {
  const urls: string[] = [];
  for (const service of services) {
    let next: string | undefined;
    do {
      const page = await sqs.send(
        new ListQueuesCommand({ QueueNamePrefix: `${service}-${stage}-`, ...(next ? { NextToken: next } : {}) }),
      );
      urls.push(...(page.QueueUrls ?? []));
      next = page.NextToken;
    } while (next);
  }
  return Promise.all(
    [...new Set(urls)].map(async (url) => {
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: url,
          AttributeNames: [
            'ApproximateNumberOfMessages',
            'ApproximateNumberOfMessagesNotVisible',
            'ApproximateNumberOfMessagesDelayed',
          ],
        }),
      );
      const name = url.split('/').pop() ?? url;
      return {
        name,
        url,
        dlq: isDlq(name),
        visible: Number(Attributes.ApproximateNumberOfMessages ?? 0),
        inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
        delayed: Number(Attributes.ApproximateNumberOfMessagesDelayed ?? 0),
      };
    }),
  );
}

/**
 * Every message of a DLQ, left in place: each is received once (hidden while the queue is read), then made
 * visible again, so an operator can still peek or redrive them.
 */
export async function readDlq(sqs: SQSClient, queue: QueueDepth): Promise<DlqMessage[]> {
  const found: DlqMessage[] = [];
  const handles: string[] = [];
  for (let empty = 0; empty < 2;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queue.url,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        VisibilityTimeout: 120,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) {
      empty += 1;
      continue;
    }
    for (const message of Messages) {
      handles.push(message.ReceiptHandle!);
      const errorCode = message.MessageAttributes?.ERROR_CODE?.StringValue;
      const errorMessage = message.MessageAttributes?.ERROR_MESSAGE?.StringValue;
      found.push({
        queue: queue.name,
        messageId: message.MessageId ?? '',
        receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 0),
        body: message.Body ?? '',
        ...(errorCode ? { errorCode } : {}),
        ...(errorMessage ? { errorMessage } : {}),
      });
    }
  }
  for (let i = 0; i < handles.length; i += 10) {
    await sqs
      .send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: queue.url,
          Entries: handles.slice(i, i + 10).map((handle, index) => ({
            Id: String(index),
            ReceiptHandle: handle,
            VisibilityTimeout: 0,
          })),
        }),
      )
      .catch(() => undefined);
  }
  return found;
}
