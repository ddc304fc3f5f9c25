import { subscriptionTrigger, tableAccess } from '@mesh/infra';
import { orderLifecycle } from '../../declarations';

export const orderLifecycleFunction = {
  handler: 'src/functions/orderLifecycle/handler.handler',
  description: 'Keeps each customer told of their orders: placed, confirmed, cancelled.',
  events: [subscriptionTrigger(orderLifecycle)],
  // One unconditional put per notification (a redelivery overwrites its own line); it reads nothing.
  touches: [tableAccess('NotificationsTable', ['dynamodb:PutItem'], { sid: 'RecordNotifications' })],
};
