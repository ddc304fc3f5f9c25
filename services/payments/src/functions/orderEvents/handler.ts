import { idempotencyStore } from '../../store/idempotencyStore';
import { dependenciesFromEnv, required } from './dependencies';
import { orderEventsSubscriber } from './orderEventsSubscriber';

export const handler = orderEventsSubscriber(dependenciesFromEnv(), {
  persistenceStore: idempotencyStore(required(process.env, 'PAYMENTS_TABLE')),
});
