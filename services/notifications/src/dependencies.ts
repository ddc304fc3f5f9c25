import { DynamoNotificationStore } from './store/DynamoNotificationStore';
import type { NotificationStore } from './store/NotificationStore';

/** What the notifications handlers act on: real adapters in Lambda, fakes in unit tests. */
export interface NotificationsDependencies {
  notifications: NotificationStore;
}

let fromEnvironment: NotificationsDependencies | undefined;

/**
 * The production dependencies, built on first use from the function's environment (`NOTIFICATIONS_TABLE`,
 * set by serverless.ts).
 *
 * @example
 * export const handler = orderLifecycleHandler(notificationsDependencies());
 */
export function notificationsDependencies(): NotificationsDependencies {
  fromEnvironment ??= { notifications: new DynamoNotificationStore() };
  return fromEnvironment;
}
