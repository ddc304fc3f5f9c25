import { deadLetterEnvironment, subscriptionTrigger } from '@mesh/infra';
import { orderLifecycle } from '../../subscriptions';

export const orderLifecycleFunction = {
  handler: 'src/functions/orderLifecycle/handler.handler',
  description: 'Keeps each customer told of their orders: placed, confirmed, cancelled.',
  events: [subscriptionTrigger(orderLifecycle)],
  environment: deadLetterEnvironment(orderLifecycle),
};
