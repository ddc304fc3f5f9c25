import { sendsTo, subscriptionTrigger } from '@mesh/infra';
import { writeOrders } from '../orderAccess';
import { orderSaga } from '../../declarations';

export const orderSagaFunction = {
  handler: 'src/functions/orderSaga/handler.handler',
  description: 'The order saga: reserves stock, follows inventory and payments, compensates on failure.',
  events: [subscriptionTrigger(orderSaga)],
  touches: [writeOrders, sendsTo('${param:inventoryCommandsQueueArn}', 'SendInventoryCommands')],
};
