import { ScanCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ChangeMessageVisibilityBatchCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { reservationKey, stockKey } from '@mesh/inventory';
import type { QueueDepth } from '@mesh/ops';
import { orderKey } from '@mesh/orders';
import { paymentKey } from '@mesh/payments';

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

export interface DlqMessage {
  queue: string;
  messageId: string;
  receiveCount: number;
  body: string;
  /** EventBridge's ERROR_CODE / ERROR_MESSAGE when the bus put it there. */
  errorCode?: string;
  errorMessage?: string;
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
    for (const item of page.Items ?? []) items.push(unmarshall(item));
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

/**
 * A key builder's fixed part, read from the service's own builder (so the soak cannot drift from the store):
 * `orderKey('')` is `{ pk: 'ORDER#', sk: 'ORDER' }`, what every order item's `pk` starts with and its `sk`.
 */
const keyShape = (key: (id: string) => { pk: string; sk: string }) => key('');

export async function readOrders(dynamo: DynamoDBClient, table: string): Promise<StoredOrder[]> {
  const order = keyShape(orderKey);
  return (await scanPrefix(dynamo, table, order.pk))
    .filter((item) => item.sk === order.sk)
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
  const stockShape = keyShape(stockKey);
  const reservation = keyShape(reservationKey);
  const stock = (await scanPrefix(dynamo, table, stockShape.pk))
    .filter((item) => item.sk === stockShape.sk)
    .map((item) => ({
      sku: String(item.sku),
      onHand: Number(item.onHand),
      reserved: Number(item.reserved),
      available: Number(item.available),
    }));
  const reservations = (await scanPrefix(dynamo, table, reservation.pk))
    .filter((item) => item.sk === reservation.sk)
    .map((item) => ({ orderId: String(item.orderId), status: String(item.status), items: lines(item.items) }));
  return { stock, reservations };
}

export async function readPayments(dynamo: DynamoDBClient, table: string): Promise<StoredPayment[]> {
  const payment = keyShape(paymentKey);
  return (await scanPrefix(dynamo, table, payment.pk))
    .filter((item) => item.sk === payment.sk)
    .map((item) => ({
      orderId: String(item.orderId),
      status: String(item.status),
      ...(optional(item.paymentId) ? { paymentId: optional(item.paymentId) } : {}),
      ...(optional(item.refundId) ? { refundId: optional(item.refundId) } : {}),
    }));
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
