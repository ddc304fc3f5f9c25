import { parseArn } from '../arns';
import { DEFAULT_EVENT_BUS_NAME } from '../constants';
import { ResourceNotFoundError, ValidationError } from '../errors';
import { busOf, rulesOf, type RegionState } from '../regionState';
import type { Output } from '../shapes';
import { applyTags, tagListOf } from '../tagging';
import { requiredArray, requiredString, type Input } from '../validation';

/** The tags of the bus or rule an ARN names in this region; AWS tags only those two kinds of resource. */
function tagsOf(state: RegionState, input: Input): Map<string, string> {
  const arn = requiredString(input, 'ResourceARN', { max: 1600 });
  const parsed = parseArn(arn);
  const here = parsed?.service === 'events' && parsed.region === state.scope.region;
  const [kind, ...path] = parsed?.resource.split('/') ?? [];
  if (here && kind === 'event-bus' && path.length === 1) {
    const bus = state.buses.get(path[0]!);
    if (bus) return bus.tags;
  }
  if (here && kind === 'rule' && (path.length === 1 || path.length === 2)) {
    const [busName, ruleName] = path.length === 1 ? [DEFAULT_EVENT_BUS_NAME, path[0]!] : [path[0]!, path[1]!];
    busOf(state, busName);
    const rule = rulesOf(state, busName).get(ruleName);
    if (!rule) throw new ResourceNotFoundError(`Rule ${ruleName} does not exist on EventBus ${busName}.`);
    return rule.tags;
  }
  if (parsed?.service === 'events' && kind !== 'event-bus' && kind !== 'rule')
    throw new ValidationError(`Resource ${arn} cannot be tagged: in EventBridge, rules and event buses can be tagged.`);
  throw new ResourceNotFoundError(`Resource ${arn} does not exist.`);
}

export function tagResource(state: RegionState, input: Input): Output {
  const tags = tagListOf(input, true);
  applyTags(tagsOf(state, input), tags);
  return {};
}

export function untagResource(state: RegionState, input: Input): Output {
  const keys = requiredArray(input, 'TagKeys', 0, 50);
  const tags = tagsOf(state, input);
  for (const key of keys) {
    if (typeof key !== 'string') throw new ValidationError('Parameter TagKeys must be a list of strings.');
    tags.delete(key);
  }
  return {};
}

export function listTagsForResource(state: RegionState, input: Input): Output {
  return { Tags: [...tagsOf(state, input)].map(([Key, Value]) => ({ Key, Value })) };
}
