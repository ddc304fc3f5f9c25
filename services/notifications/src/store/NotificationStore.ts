import type { Notification } from '../domain/notificationFor';

/** Each customer's notification log (DynamoDB in production, a map in unit tests). */
export interface NotificationStore {
  /** Records a notification; recording the same event again leaves one line with the same content. */
  record(notification: Notification): Promise<void>;
  /** A customer's notifications, newest first, at most `limit`. */
  latestOf(customerId: string, limit: number): Promise<Notification[]>;
}
