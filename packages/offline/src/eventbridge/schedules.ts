import type { RegionState } from './regionState';
import { deliverToRule, scheduledEvent } from './routing';
import { ratePeriodMs } from './scheduleExpression';
import type { Rule } from './types';

/** Starts firing an enabled `rate(...)` rule; `cron(...)` rules are accepted but not run. */
export function startSchedule(state: RegionState, rule: Rule): void {
  if (!state.core.runSchedules || !rule.scheduleExpression || rule.state === 'DISABLED') return;
  const period = ratePeriodMs(rule.scheduleExpression);
  if (period === undefined || state.schedules.has(rule.arn)) return;
  const timer = setInterval(() => {
    const now = new Date();
    const event = scheduledEvent(state, rule, now);
    state.core.hook('published', { at: now.getTime(), eventBusName: rule.eventBusName, event });
    deliverToRule(state, rule, event, now);
  }, period);
  timer.unref();
  state.schedules.set(rule.arn, timer);
}

export function stopSchedule(state: RegionState, rule: Rule): void {
  const timer = state.schedules.get(rule.arn);
  if (timer) clearInterval(timer);
  state.schedules.delete(rule.arn);
}

/** Stops every schedule of a region (the emulator is closing). */
export function stopAllSchedules(state: RegionState): void {
  for (const timer of state.schedules.values()) clearInterval(timer);
  state.schedules.clear();
}
