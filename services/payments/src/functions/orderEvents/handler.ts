import { idempotencyStore } from '../../store/idempotencyStore';
import { paymentsDependencies, required } from '../../dependencies';
import { orderEventsSubscriber } from './orderEventsSubscriber';

export const handler = orderEventsSubscriber(paymentsDependencies(), {
  persistenceStore: idempotencyStore(required(process.env, 'PAYMENTS_TABLE')),
});
