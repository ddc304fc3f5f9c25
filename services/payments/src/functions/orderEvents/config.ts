import { deadLetterEnvironment, subscriptionTrigger } from '@mesh/infra';
import { orderEvents } from '../../subscriptions';

export const orderEventsFunction = {
  handler: 'src/functions/orderEvents/handler.handler',
  description:
    'Captures each order payment once its stock is reserved (receipt to S3); voids or refunds cancelled orders.',
  events: [subscriptionTrigger(orderEvents)],
  environment: deadLetterEnvironment(orderEvents),
};
