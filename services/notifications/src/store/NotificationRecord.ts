import { dynamoose } from '@mesh/dynamo';
import type { Item } from 'dynamoose/dist/Item';
import type { Notification } from '../domain/notificationFor';

/** A notification as stored: one partition per customer, sorted by time then event id. */
export interface NotificationRecord extends Item, Notification {
  sk: string;
}

const schema = new dynamoose.Schema(
  {
    customerId: { type: String, hashKey: true },
    sk: { type: String, rangeKey: true },
    orderId: String,
    eventId: String,
    kind: String,
    message: String,
    occurredAt: String,
  },
  { saveUnknown: false },
);

type NotificationModel = ReturnType<typeof dynamoose.model<NotificationRecord>>;
const models = new Map<string, NotificationModel>();

/**
 * The model of a notifications table, made once per table name: dynamoose keeps a global registry, and
 * making a model on every write cost more than the write. The table is created by CloudFormation
 * (serverless.ts), never by dynamoose at run time.
 */
export function notificationModel(tableName = process.env.NOTIFICATIONS_TABLE ?? 'notifications'): NotificationModel {
  let model = models.get(tableName);
  if (!model) {
    model = dynamoose.model<NotificationRecord>(tableName, schema, {
      create: false,
      waitForActive: { enabled: false },
    });
    models.set(tableName, model);
  }
  return model;
}

/**
 * Records a notification. The key is derived from the event, so a redelivered event overwrites its own
 * line with the same content: the log never shows one fact twice.
 */
export async function recordNotification(notification: Notification, model = notificationModel()): Promise<void> {
  await model.create(
    { ...notification, sk: `${notification.occurredAt}#${notification.eventId}` },
    { overwrite: true },
  );
}

/** A customer's notifications, newest first. */
export async function notificationsOf(customerId: string, limit = 50, model = notificationModel()) {
  const found = await model.query('customerId').eq(customerId).sort('descending').limit(limit).exec();
  return found.map(({ customerId: c, orderId, eventId, kind, message, occurredAt }) => ({
    customerId: c,
    orderId,
    eventId,
    kind,
    message,
    occurredAt,
  }));
}
