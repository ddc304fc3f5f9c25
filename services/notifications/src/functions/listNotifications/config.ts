/** The name of the HTTP API's JWT authorizer (serverless.ts, `provider.httpApi.authorizers`), as in orders. */
import { JWT_AUTHORIZER, tableAccess } from '@mesh/infra';

export const listNotificationsFunction = {
  handler: 'src/functions/listNotifications/handler.handler',
  // Well inside the HTTP API's 30 s integration limit, so a slow call ends as our 5xx, not a gateway timeout.
  timeout: 10,
  description: "GET /notifications: the caller's notifications (any customer's for an admin), newest first.",
  events: [{ httpApi: { method: 'GET', path: '/notifications', authorizer: { name: JWT_AUTHORIZER } } }],
  touches: [tableAccess('NotificationsTable', ['dynamodb:Query'], { sid: 'QueryNotifications' })],
};
