import { MAX_TARGETS_PER_REQUEST, MAX_TARGETS_PER_RULE } from '../constants';
import { LimitExceededError, ValidationError } from '../errors';
import { paginate } from '../pagination';
import { ruleOf, type RegionState } from '../regionState';
import type { Output } from '../shapes';
import { validateTarget } from '../targetValidation';
import { optionalBoolean, optionalNumber, optionalString, requiredArray, type Input } from '../validation';

export function putTargets(state: RegionState, input: Input): Output {
  const rule = ruleOf(state, input, 'Rule');
  const targets = requiredArray(input, 'Targets', 1, MAX_TARGETS_PER_REQUEST).map((target, i) =>
    validateTarget(target, i + 1),
  );
  const ids = new Set([...rule.targets.keys(), ...targets.map((t) => t.Id)]);
  if (ids.size > MAX_TARGETS_PER_RULE)
    throw new LimitExceededError('The requested resource exceeds the maximum number allowed.');
  for (const target of targets) rule.targets.set(target.Id, target);
  return { FailedEntryCount: 0, FailedEntries: [] };
}

export function listTargetsByRule(state: RegionState, input: Input): Output {
  const rule = ruleOf(state, input, 'Rule');
  const { page, nextToken } = paginate(
    [...rule.targets.values()],
    optionalNumber(input, 'Limit'),
    optionalString(input, 'NextToken'),
  );
  return { Targets: page, ...(nextToken ? { NextToken: nextToken } : {}) };
}

export function removeTargets(state: RegionState, input: Input): Output {
  const rule = ruleOf(state, input, 'Rule');
  const ids = requiredArray(input, 'Ids', 1, 100);
  optionalBoolean(input, 'Force');
  for (const id of ids) {
    if (typeof id !== 'string') throw new ValidationError('Parameter Ids must be a list of strings.');
    rule.targets.delete(id);
  }
  return { FailedEntryCount: 0, FailedEntries: [] };
}
