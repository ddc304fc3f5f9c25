/** Public API of the offline EventBridge (re-exported from the package root, so names stay specific). */
export { MAX_PUT_EVENTS_ENTRIES, MAX_PUT_EVENTS_REQUEST_BYTES, MAX_TARGETS_PER_RULE } from './constants';
export { systemClock, type Clock, type ClockTimer } from './clock';
export { createEventBridgeListener } from './createEventBridgeListener';
export { createSchedulerListener } from './scheduler/createSchedulerListener';
export { nextCronTime, parseCronExpression, type CronSchedule } from './cronExpression';
export { computeEntrySize } from './entrySize';
export { EventBridgeApiError } from './errors';
export { EventBridgeEmulator, type EventBridgeEmulatorOptions } from './EventBridgeEmulator';
export type * from './hooks';
export { renderInputTransformer } from './inputTransformer';
export { startEventBridge, type StartEventBridgeOptions, type StartedEventBridge } from './startEventBridge';
export { renderTargetInput } from './targetInput';
export type { EventBridgeEvent, PutEventsRequestEntry, Target } from './types';
