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

export type NotificationModel = ReturnType<typeof dynamoose.model<NotificationRecord>>;
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

/** Where a notification is kept in its customer's partition: by time, then event id. */
export const notificationSortKey = (n: Pick<Notification, 'occurredAt' | 'eventId'>) => `${n.occurredAt}#${n.eventId}`;
