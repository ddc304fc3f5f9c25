import { deadLetterEnvironment, subscriptionTrigger } from '@mesh/infra';
import { orderSaga } from '../../subscriptions';

export const orderSagaFunction = {
  handler: 'src/functions/orderSaga/handler.handler',
  description: 'The order saga: reserves stock, follows inventory and payments, compensates on failure.',
  events: [subscriptionTrigger(orderSaga)],
  environment: deadLetterEnvironment(orderSaga),
};
