import { paginate } from '../pagination';
import type { RegionState } from '../regionState';
import { epochSeconds, type Output } from '../shapes';
import { isObject, optionalNumber, optionalString, type Input } from '../validation';
import { SchedulerConflictError, SchedulerNotFoundError, SchedulerValidationError } from './errors';
import { checkTimeZone, nextScheduleFiring } from './scheduleTimes';
import type { Schedule, SchedulerTarget } from './types';

const NAME = /^[0-9a-zA-Z-_.]{1,64}$/;

function nameOf(input: Input, field: string): string {
  const name = input[field];
  if (typeof name !== 'string' || !NAME.test(name))
    throw new SchedulerValidationError(`${field} must be 1 to 64 characters of [0-9a-zA-Z-_.], not ${String(name)}.`);
  return name;
}

function groupOf(state: RegionState, input: Input) {
  const groupName = optionalString(input, 'GroupName') ?? 'default';
  const group = state.scheduler.groups.get(groupName);
  if (!group) throw new SchedulerNotFoundError(`Schedule group ${groupName} does not exist.`);
  return group;
}

function dateOf(input: Input, field: string): Date | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(String(value));
  if (Number.isNaN(date.getTime())) throw new SchedulerValidationError(`Invalid ${field}.`);
  return date;
}

function targetOf(input: Input): SchedulerTarget {
  const target = input.Target;
  if (!isObject(target) || typeof target.Arn !== 'string' || typeof target.RoleArn !== 'string')
    throw new SchedulerValidationError('Target.Arn and Target.RoleArn must be specified.');
  const retry = isObject(target.RetryPolicy) ? target.RetryPolicy : {};
  const attempts = retry.MaximumRetryAttempts;
  const age = retry.MaximumEventAgeInSeconds;
  if (attempts !== undefined && (!Number.isInteger(attempts) || (attempts as number) < 0 || (attempts as number) > 185))
    throw new SchedulerValidationError('RetryPolicy.MaximumRetryAttempts must be between 0 and 185.');
  if (age !== undefined && (!Number.isInteger(age) || (age as number) < 60 || (age as number) > 86_400))
    throw new SchedulerValidationError('RetryPolicy.MaximumEventAgeInSeconds must be between 60 and 86400.');
  if (target.Arn.includes(':events:') && target.Arn.includes(':event-bus/') && !isObject(target.EventBridgeParameters))
    throw new SchedulerValidationError('EventBridgeParameters must be specified for an event bus target.');
  return target as SchedulerTarget;
}

/** Builds (and checks) a schedule from a CreateSchedule or UpdateSchedule request. */
function scheduleOf(state: RegionState, input: Input, existing?: Schedule): Schedule {
  const name = nameOf(input, 'Name');
  const group = groupOf(state, input);
  const scheduleExpression = optionalString(input, 'ScheduleExpression', { min: 1, max: 256 });
  if (!scheduleExpression) throw new SchedulerValidationError('ScheduleExpression must be specified.');
  const timeZone = optionalString(input, 'ScheduleExpressionTimezone', { min: 1, max: 50 });
  if (timeZone) checkTimeZone(timeZone);
  const window = input.FlexibleTimeWindow;
  if (!isObject(window) || (window.Mode !== 'OFF' && window.Mode !== 'FLEXIBLE'))
    throw new SchedulerValidationError('FlexibleTimeWindow.Mode must be OFF or FLEXIBLE.');
  const minutes = window.MaximumWindowInMinutes;
  if (
    window.Mode === 'FLEXIBLE' &&
    (!Number.isInteger(minutes) || (minutes as number) < 1 || (minutes as number) > 1440)
  )
    throw new SchedulerValidationError('MaximumWindowInMinutes must be between 1 and 1440 when Mode is FLEXIBLE.');
  const stateValue = optionalString(input, 'State') ?? 'ENABLED';
  if (stateValue !== 'ENABLED' && stateValue !== 'DISABLED')
    throw new SchedulerValidationError('State must be ENABLED or DISABLED.');
  const action = optionalString(input, 'ActionAfterCompletion') ?? 'NONE';
  if (action !== 'NONE' && action !== 'DELETE')
    throw new SchedulerValidationError('ActionAfterCompletion must be NONE or DELETE.');
  const now = state.core.clock.now();
  const schedule: Schedule = {
    name,
    groupName: group.name,
    arn: `arn:aws:scheduler:${state.scope.region}:${state.scope.accountId}:schedule/${group.name}/${name}`,
    scheduleExpression,
    state: stateValue,
    flexibleTimeWindow:
      window.Mode === 'FLEXIBLE' ? { Mode: 'FLEXIBLE', MaximumWindowInMinutes: minutes as number } : { Mode: 'OFF' },
    actionAfterCompletion: action,
    target: targetOf(input),
    creationDate: existing?.creationDate ?? now,
    lastModificationDate: now,
    ...(timeZone ? { scheduleExpressionTimezone: timeZone } : {}),
    ...optionalDate('startDate', dateOf(input, 'StartDate')),
    ...optionalDate('endDate', dateOf(input, 'EndDate')),
    ...(optionalString(input, 'Description', { max: 512 }) ? { description: input.Description as string } : {}),
  };
  // Validates the expression (and its time zone) before anything is stored.
  nextScheduleFiring(scheduleExpression, timeZone, schedule.startDate ?? now);
  return schedule;
}

const optionalDate = <K extends string>(key: K, value: Date | undefined) =>
  (value ? { [key]: value } : {}) as Partial<Record<K, Date>>;

const keyOf = (schedule: { groupName: string; name: string }) => `${schedule.groupName}/${schedule.name}`;

export function createSchedule(state: RegionState, input: Input, arm: (s: Schedule) => void): Output {
  const schedule = scheduleOf(state, input);
  if (state.scheduler.schedules.has(keyOf(schedule)))
    throw new SchedulerConflictError(`Schedule ${schedule.name} already exists.`);
  state.scheduler.schedules.set(keyOf(schedule), schedule);
  arm(schedule);
  return { ScheduleArn: schedule.arn };
}

export function updateSchedule(state: RegionState, input: Input, arm: (s: Schedule) => void): Output {
  const existing = scheduleByName(state, input);
  existing.timer?.cancel();
  const schedule = scheduleOf(state, input, existing);
  state.scheduler.schedules.set(keyOf(schedule), schedule);
  arm(schedule);
  return { ScheduleArn: schedule.arn };
}

export function scheduleByName(state: RegionState, input: Input): Schedule {
  const name = nameOf(input, 'Name');
  const group = groupOf(state, input);
  const schedule = state.scheduler.schedules.get(`${group.name}/${name}`);
  if (!schedule) throw new SchedulerNotFoundError(`Schedule ${name} does not exist.`);
  return schedule;
}

export function getSchedule(state: RegionState, input: Input): Output {
  const s = scheduleByName(state, input);
  return {
    ActionAfterCompletion: s.actionAfterCompletion,
    Arn: s.arn,
    CreationDate: epochSeconds(s.creationDate),
    ...(s.description ? { Description: s.description } : {}),
    ...(s.endDate ? { EndDate: epochSeconds(s.endDate) } : {}),
    FlexibleTimeWindow: s.flexibleTimeWindow,
    GroupName: s.groupName,
    LastModificationDate: epochSeconds(s.lastModificationDate),
    Name: s.name,
    ScheduleExpression: s.scheduleExpression,
    ...(s.scheduleExpressionTimezone ? { ScheduleExpressionTimezone: s.scheduleExpressionTimezone } : {}),
    ...(s.startDate ? { StartDate: epochSeconds(s.startDate) } : {}),
    State: s.state,
    Target: s.target,
  };
}

export function deleteSchedule(state: RegionState, input: Input): Output {
  const schedule = scheduleByName(state, input);
  schedule.timer?.cancel();
  state.scheduler.schedules.delete(keyOf(schedule));
  return {};
}

export function listSchedules(state: RegionState, input: Input): Output {
  const group = optionalString(input, 'GroupName');
  const prefix = optionalString(input, 'NamePrefix') ?? '';
  const wanted = optionalString(input, 'State');
  const schedules = [...state.scheduler.schedules.values()]
    .filter((s) => (!group || s.groupName === group) && s.name.startsWith(prefix) && (!wanted || s.state === wanted))
    .sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  const { page, nextToken } = paginate(
    schedules,
    optionalNumber(input, 'MaxResults'),
    optionalString(input, 'NextToken'),
  );
  return {
    Schedules: page.map((s) => ({
      Arn: s.arn,
      CreationDate: epochSeconds(s.creationDate),
      GroupName: s.groupName,
      LastModificationDate: epochSeconds(s.lastModificationDate),
      Name: s.name,
      State: s.state,
      Target: { Arn: s.target.Arn },
    })),
    ...(nextToken ? { NextToken: nextToken } : {}),
  };
}

export function createScheduleGroup(state: RegionState, input: Input): Output {
  const name = nameOf(input, 'Name');
  if (state.scheduler.groups.has(name)) throw new SchedulerConflictError(`Schedule group ${name} already exists.`);
  const now = state.core.clock.now();
  const arn = `arn:aws:scheduler:${state.scope.region}:${state.scope.accountId}:schedule-group/${name}`;
  state.scheduler.groups.set(name, { name, arn, creationDate: now, lastModificationDate: now, tags: new Map() });
  return { ScheduleGroupArn: arn };
}

export function getScheduleGroup(state: RegionState, input: Input): Output {
  const group = state.scheduler.groups.get(nameOf(input, 'Name'));
  if (!group) throw new SchedulerNotFoundError(`Schedule group ${String(input.Name)} does not exist.`);
  return {
    Arn: group.arn,
    CreationDate: epochSeconds(group.creationDate),
    LastModificationDate: epochSeconds(group.lastModificationDate),
    Name: group.name,
    State: 'ACTIVE',
  };
}

export function listScheduleGroups(state: RegionState, input: Input): Output {
  const prefix = optionalString(input, 'NamePrefix') ?? '';
  const groups = [...state.scheduler.groups.values()].filter((g) => g.name.startsWith(prefix));
  const { page, nextToken } = paginate(groups, optionalNumber(input, 'MaxResults'), optionalString(input, 'NextToken'));
  return {
    ScheduleGroups: page.map((g) => ({ ...getScheduleGroup(state, { Name: g.name }) })),
    ...(nextToken ? { NextToken: nextToken } : {}),
  };
}

/** Deleting a group deletes its schedules, as AWS does; the default group cannot be deleted. */
export function deleteScheduleGroup(state: RegionState, input: Input): Output {
  const name = nameOf(input, 'Name');
  if (name === 'default') throw new SchedulerValidationError('The default schedule group cannot be deleted.');
  if (!state.scheduler.groups.delete(name)) throw new SchedulerNotFoundError(`Schedule group ${name} does not exist.`);
  for (const [key, schedule] of state.scheduler.schedules)
    if (schedule.groupName === name) {
      schedule.timer?.cancel();
      state.scheduler.schedules.delete(key);
    }
  return {};
}
