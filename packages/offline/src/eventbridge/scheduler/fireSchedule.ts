import { randomUUID } from 'node:crypto';
import { isoSeconds } from '../inputTransformer';
import type { RegionState } from '../regionState';
import type { EventBridgeEvent, Target } from '../types';
import { nextScheduleFiring } from './scheduleTimes';
import type { Schedule } from './types';

/** What a schedule sends when its target names no input: an empty JSON object. */
const DEFAULT_INPUT = '{}';

/**
 * Sets the schedule's next firing on the emulator's clock (replacing any pending one): the next time its
 * expression names in its time zone, not before its start date nor after its end date, plus a random delay
 * within its flexible time window. When none is left, a schedule whose ActionAfterCompletion is DELETE
 * deletes itself, as AWS does.
 *
 * @example
 * armSchedule(state, schedule); // after CreateSchedule, UpdateSchedule, or enabling
 */
export function armSchedule(state: RegionState, schedule: Schedule): void {
  schedule.timer?.cancel();
  delete schedule.timer;
  if (!state.core.runSchedules || schedule.state === 'DISABLED') return;
  const { clock } = state.core;
  const origin = schedule.startDate ?? schedule.creationDate;
  const next = nextScheduleFiring(schedule.scheduleExpression, schedule.scheduleExpressionTimezone, origin);
  const plan = (after: Date) => {
    const from = schedule.startDate && after < schedule.startDate ? new Date(schedule.startDate.getTime() - 1) : after;
    const at = next(from);
    if (!at || (schedule.endDate && at > schedule.endDate)) return complete(state, schedule);
    const window = schedule.flexibleTimeWindow.MaximumWindowInMinutes ?? 0;
    const delay = Math.floor(Math.random() * window * 60_000);
    schedule.timer = clock.at(new Date(at.getTime() + delay), () => {
      fire(state, schedule, at);
      plan(at);
    });
  };
  plan(clock.now());
}

function complete(state: RegionState, schedule: Schedule): void {
  delete schedule.timer;
  if (schedule.actionAfterCompletion === 'DELETE')
    state.scheduler.schedules.delete(`${schedule.groupName}/${schedule.name}`);
}

/** Hands one firing to the target dispatcher: retries, the RetryPolicy and the dead-letter queue as for rules. */
function fire(state: RegionState, schedule: Schedule, at: Date): void {
  const { target } = schedule;
  const input = target.Input ?? DEFAULT_INPUT;
  let detail: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(input);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) detail = parsed as Record<string, unknown>;
  } catch {
    // A non-JSON input is sent as is to SQS and Lambda; an event bus needs a JSON object, so gets {}.
  }
  // What an event-bus target receives, as PutEvents with the schedule's EventBridgeParameters.
  const event: EventBridgeEvent = {
    version: '0',
    id: randomUUID(),
    'detail-type': target.EventBridgeParameters?.DetailType ?? 'Scheduled Event',
    source: target.EventBridgeParameters?.Source ?? 'aws.scheduler',
    account: state.scope.accountId,
    time: isoSeconds(at),
    region: state.scope.region,
    resources: [schedule.arn],
    detail,
  };
  const dispatched: Target = {
    Id: schedule.name,
    Arn: target.Arn,
    Input: input,
    ...(target.RetryPolicy ? { RetryPolicy: target.RetryPolicy } : {}),
    ...(target.DeadLetterConfig ? { DeadLetterConfig: target.DeadLetterConfig } : {}),
    ...(target.SqsParameters ? { SqsParameters: target.SqsParameters } : {}),
  };
  state.core.hook('published', { at: state.core.clock.now().getTime(), eventBusName: schedule.groupName, event });
  state.core.dispatcher.dispatch({
    event,
    eventBusName: schedule.groupName,
    ruleName: schedule.name,
    ruleArn: schedule.arn,
    target: dispatched,
    // Retry ages are real time (the dispatcher's backoff is), whatever clock the schedule runs on.
    ingestionTime: new Date(),
  });
}
