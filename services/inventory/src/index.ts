/** What other workspaces may read of inventory (the soak and e2e tests): how its table keys its items. */
export { stockKey, reservationKey } from './store/inventoryTable';
