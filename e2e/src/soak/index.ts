/** The soak: the whole offline mesh under injected faults, checked for lost orders, double captures and more. */
export { runSoak, DEFAULT_SOAK_OPTIONS, type SoakOptions, type SoakProgress, type SoakReport } from './runSoak';
export { runSoakCli, soakOptionsFrom, formatProgress, SOAK_HELP } from './runSoakCli';
export { checkSoak, CHECKS, type CheckName, type CheckResult, type SoakObservations, type Violation } from './checks';
export { planOrders, allowedEnds, KIND_SHARES, type OrderKind, type OrderPlan, type PlannedOrder } from './orderMix';
export { formatReport } from './formatReport';
