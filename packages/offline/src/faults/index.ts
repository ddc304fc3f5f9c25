/** Fault injection for the offline event source mappings (the soak's failures, duplicates, shuffles, kills). */
export * from './types';
export { InjectedFaultError } from './errors';
export { seededRandom } from './seededRandom';
export { createFaultInjector, MAX_INJECTED_FAILURES } from './faultInjector';
