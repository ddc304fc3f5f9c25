/** What other workspaces may read of payments (the soak and e2e tests): how its table keys its items. */
export { paymentKey } from './store/PaymentRecord';
