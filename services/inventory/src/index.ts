/** What other workspaces may read of inventory (the soak and e2e tests): how its table keys its items. */
export { stockKey, reservationKey } from './store/inventoryTable';
/** The stock `npm run dev` seeds (the README's tour orders from it). */
export { DEMO_STOCK } from './store/demoStock';
