import type { Notification } from '../domain/notificationFor';
import type { NotificationStore } from './NotificationStore';
import { notificationModel, notificationSortKey, type NotificationModel } from './notificationsTable';

/**
 * The notification log in DynamoDB through dynamoose: one partition per customer, sorted by time. The key
 * is derived from the event, so a redelivered event overwrites its own line with the same content and the
 * log never shows one fact twice.
 *
 * @example
 * const notifications = new DynamoNotificationStore('notifications-dev');
 * await notifications.latestOf('cus-1', 10);
 */
export class DynamoNotificationStore implements NotificationStore {
  private readonly model: NotificationModel;

  constructor(tableName?: string) {
    this.model = notificationModel(tableName);
  }

  async record(notification: Notification): Promise<void> {
    await this.model.create({ ...notification, sk: notificationSortKey(notification) }, { overwrite: true });
  }

  async latestOf(customerId: string, limit: number): Promise<Notification[]> {
    const found = await this.model.query('customerId').eq(customerId).sort('descending').limit(limit).exec();
    return found.map(({ customerId: c, orderId, eventId, kind, message, occurredAt }) => ({
      customerId: c,
      orderId,
      eventId,
      kind,
      message,
      occurredAt,
    }));
  }
}
