import type { Logger } from '@mesh/bus';
import { notificationsDependencies } from '../../dependencies';
import { ForbiddenError } from '../../errors';
import { callerOf } from '../../http/caller';
import { httpHandler, json } from '../../http/httpHandler';
import { notificationsQuery } from '../../http/notificationsQuery';
import type { NotificationStore } from '../../store/NotificationStore';

/** `GET /notifications?customerId=&limit=`: a customer reads their own log (an admin anyone's), newest first. */
export function listNotificationsHandler(deps: {
  notifications: Pick<NotificationStore, 'latestOf'>;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
}) {
  return httpHandler(
    'listNotifications',
    async (event) => {
      const caller = callerOf(event, deps.env ?? process.env);
      const { customerId, limit } = notificationsQuery(event.queryStringParameters ?? {}, caller.customerId);
      if (customerId !== caller.customerId && !caller.isAdmin) {
        throw new ForbiddenError(`${caller.customerId} may not read the notifications of ${customerId}`);
      }
      return json(200, { customerId, notifications: await deps.notifications.latestOf(customerId, limit) });
    },
    deps.logger ? { logger: deps.logger } : {},
  );
}

export const handler = listNotificationsHandler(notificationsDependencies());
