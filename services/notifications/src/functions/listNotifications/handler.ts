import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createLogger, instrumentHandler, withKeys, type Logger } from '@mesh/bus';
import { notificationsDependencies } from '../../dependencies';
import { ForbiddenError } from '../../errors';
import { callerOf } from '../../http/caller';
import { problemFor } from '../../http/problem';
import { notificationsQuery } from '../../http/notificationsQuery';
import type { NotificationStore } from '../../store/NotificationStore';

/** `GET /notifications?customerId=&limit=`: a customer reads their own log (an admin anyone's), newest first. */
export function listNotificationsHandler(deps: {
  notifications: Pick<NotificationStore, 'latestOf'>;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
}) {
  const baseLogger = deps.logger ?? createLogger('notifications');
  // Traced like every mesh handler (a no-op offline); its metrics flushed.
  return instrumentHandler(
    'listNotifications',
    async (event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<APIGatewayProxyStructuredResultV2> => {
      const logger = withKeys(baseLogger, { requestId: event.requestContext?.requestId, route: event.routeKey });
      try {
        const caller = callerOf(event, deps.env ?? process.env);
        const { customerId, limit } = notificationsQuery(event.queryStringParameters ?? {}, caller.customerId);
        if (customerId !== caller.customerId && !caller.isAdmin) {
          throw new ForbiddenError(`${caller.customerId} may not read the notifications of ${customerId}`);
        }
        const notifications = await deps.notifications.latestOf(customerId, limit);
        return {
          statusCode: 200,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ customerId, notifications }),
        };
      } catch (error) {
        return problemFor(error, logger);
      }
    },
  );
}

export const handler = listNotificationsHandler(notificationsDependencies());
