import { nextFiringOf } from './scheduleExpression';
import type { RegionState } from './regionState';
import { deliverToRule, scheduledEvent } from './routing';
import type { Rule } from './types';

/**
 * Fires an enabled scheduled rule on the core's clock: `rate(...)` every period from now, `cron(...)` at each
 * UTC time it names, each time with AWS's `Scheduled Event` (its `time` the scheduled time). Stops when the
 * rule is disabled, replaced or deleted, or when a cron's years run out.
 */
export function startSchedule(state: RegionState, rule: Rule): void {
  if (!state.core.runSchedules || !rule.scheduleExpression || rule.state === 'DISABLED') return;
  if (state.schedules.has(rule.arn)) return;
  const next = nextFiringOf(rule.scheduleExpression);
  const { clock } = state.core;
  const plan = (after: Date) => {
    const at = next(after);
    if (!at) {
      state.schedules.delete(rule.arn);
      return;
    }
    state.schedules.set(
      rule.arn,
      clock.at(at, () => {
        const event = scheduledEvent(state, rule, at);
        state.core.hook('published', { at: clock.now().getTime(), eventBusName: rule.eventBusName, event });
        // Retry ages are real time (the dispatcher's backoff is), whatever clock the schedule runs on.
        deliverToRule(state, rule, event, new Date());
        plan(at);
      }),
    );
  };
  plan(clock.now());
}

export function stopSchedule(state: RegionState, rule: Rule): void {
  state.schedules.get(rule.arn)?.cancel();
  state.schedules.delete(rule.arn);
}

/** Stops every schedule of a region (the emulator is closing). */
export function stopAllSchedules(state: RegionState): void {
  for (const timer of state.schedules.values()) timer.cancel();
  state.schedules.clear();
}
