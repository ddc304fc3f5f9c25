import { eventBusNameOf, ruleArn } from '../arns';
import { compileOrThrow } from '../compiledPattern';
import { DEFAULT_EVENT_BUS_NAME } from '../constants';
import { ValidationError } from '../errors';
import { paginate } from '../pagination';
import { busOf, ruleOf, rulesOf, type RegionState } from '../regionState';
import { validateScheduleExpression } from '../scheduleExpression';
import { startSchedule, stopSchedule } from '../schedules';
import { applyTags, tagListOf } from '../tagging';
import { byName, optionalField, ruleShape, type Output } from '../shapes';
import type { Rule, RuleState } from '../types';
import {
  NAME_PATTERNS,
  optionalBoolean,
  optionalNumber,
  optionalString,
  requiredString,
  type Input,
} from '../validation';

const RULE_STATES: readonly RuleState[] = ['ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'];

export function putRule(state: RegionState, input: Input): Output {
  const name = requiredString(input, 'Name', { max: 64, pattern: NAME_PATTERNS.rule });
  const busName = eventBusNameOf(optionalString(input, 'EventBusName'));
  busOf(state, busName);
  const eventPattern = optionalString(input, 'EventPattern', { max: 4096 });
  const scheduleExpression = optionalString(input, 'ScheduleExpression', { max: 256 });
  const ruleState = (optionalString(input, 'State') ?? 'ENABLED') as RuleState;
  if (!RULE_STATES.includes(ruleState))
    throw new ValidationError(
      `Parameter State is not valid. Reason: ${ruleState} is not one of ${RULE_STATES.join(', ')}.`,
    );
  if (!eventPattern && !scheduleExpression)
    throw new ValidationError('Parameter(s) EventPattern or ScheduleExpression must be specified.');
  if (scheduleExpression) {
    if (busName !== DEFAULT_EVENT_BUS_NAME)
      throw new ValidationError('ScheduleExpression is supported only on the default event bus.');
    validateScheduleExpression(scheduleExpression);
  }
  const matches = eventPattern ? compileOrThrow(eventPattern) : () => false;
  const rules = rulesOf(state, busName);
  const existing = rules.get(name);
  const rule: Rule = {
    name,
    arn: ruleArn(state.scope, busName, name),
    eventBusName: busName,
    state: ruleState,
    matches,
    targets: existing?.targets ?? new Map(),
    // Tags given to PutRule apply to a new rule; an update keeps the rule's tags.
    tags: existing?.tags ?? new Map(),
    ...(eventPattern ? { eventPattern } : {}),
    ...(scheduleExpression ? { scheduleExpression } : {}),
    ...optionalField('description', optionalString(input, 'Description', { max: 512 })),
    ...optionalField('roleArn', optionalString(input, 'RoleArn', { max: 1600 })),
  };
  if (!existing) applyTags(rule.tags, tagListOf(input));
  if (existing) stopSchedule(state, existing);
  rules.set(name, rule);
  startSchedule(state, rule);
  return { RuleArn: rule.arn };
}

export function describeRule(state: RegionState, input: Input): Output {
  return { ...ruleShape(ruleOf(state, input, 'Name')), CreatedBy: state.scope.accountId };
}

export function listRules(state: RegionState, input: Input): Output {
  const busName = eventBusNameOf(optionalString(input, 'EventBusName'));
  busOf(state, busName);
  const prefix = optionalString(input, 'NamePrefix') ?? '';
  const rules = [...rulesOf(state, busName).values()].filter((r) => r.name.startsWith(prefix)).sort(byName);
  const { page, nextToken } = paginate(rules, optionalNumber(input, 'Limit'), optionalString(input, 'NextToken'));
  return { Rules: page.map(ruleShape), ...(nextToken ? { NextToken: nextToken } : {}) };
}

export function listRuleNamesByTarget(state: RegionState, input: Input): Output {
  const targetArn = requiredString(input, 'TargetArn', { max: 1600 });
  const busName = eventBusNameOf(optionalString(input, 'EventBusName'));
  busOf(state, busName);
  const names = [...rulesOf(state, busName).values()]
    .filter((r) => [...r.targets.values()].some((t) => t.Arn === targetArn))
    .map((r) => r.name)
    .sort();
  const { page, nextToken } = paginate(names, optionalNumber(input, 'Limit'), optionalString(input, 'NextToken'));
  return { RuleNames: page, ...(nextToken ? { NextToken: nextToken } : {}) };
}

export function enableRule(state: RegionState, input: Input): Output {
  const rule = ruleOf(state, input, 'Name');
  rule.state = 'ENABLED';
  startSchedule(state, rule);
  return {};
}

export function disableRule(state: RegionState, input: Input): Output {
  const rule = ruleOf(state, input, 'Name');
  rule.state = 'DISABLED';
  stopSchedule(state, rule);
  return {};
}

/** Refuses while the rule has targets, as AWS does; deleting a missing rule succeeds. */
export function deleteRule(state: RegionState, input: Input): Output {
  const name = requiredString(input, 'Name', { max: 64, pattern: NAME_PATTERNS.rule });
  const busName = eventBusNameOf(optionalString(input, 'EventBusName'));
  optionalBoolean(input, 'Force');
  const rules = state.rules.get(busName);
  const rule = rules?.get(name);
  if (!rule) return {};
  if (rule.targets.size > 0) throw new ValidationError("Rule can't be deleted since it has targets.");
  stopSchedule(state, rule);
  rules!.delete(name);
  return {};
}
