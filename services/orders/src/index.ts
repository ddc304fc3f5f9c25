/** What other workspaces may read of orders (the soak and e2e tests): how its table keys its items. */
export { orderKey } from './store/ordersTable';
