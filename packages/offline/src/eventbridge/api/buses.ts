import { eventBusNameOf } from '../arns';
import { DEFAULT_EVENT_BUS_NAME } from '../constants';
import { ResourceAlreadyExistsError, ResourceNotFoundError, ValidationError } from '../errors';
import { paginate } from '../pagination';
import { addBus, busOf, type RegionState } from '../regionState';
import { stopSchedule } from '../schedules';
import { applyTags, tagListOf } from '../tagging';
import { busShape, byName, type Output } from '../shapes';
import { NAME_PATTERNS, optionalNumber, optionalString, requiredString, type Input } from '../validation';

export function createEventBus(state: RegionState, input: Input): Output {
  const name = requiredString(input, 'Name', { max: 256, pattern: NAME_PATTERNS.eventBus });
  const description = optionalString(input, 'Description', { max: 512 });
  if (state.buses.has(name)) throw new ResourceAlreadyExistsError(`Event bus ${name} already exists.`);
  const eventSourceName = optionalString(input, 'EventSourceName', { max: 256 });
  // A slash is for partner buses, whose name is their event source's.
  if (name.includes('/') && !eventSourceName) throw new ValidationError("Event bus name must not contain '/'.");
  if (eventSourceName) throw new ResourceNotFoundError(`Event source ${eventSourceName} does not exist.`);
  const tags = tagListOf(input);
  if (name.startsWith('aws.') && !input.EventSourceName)
    throw new ValidationError('Event bus name must not start with "aws.", which is reserved for partner buses.');
  const bus = addBus(state, name, description);
  applyTags(bus.tags, tags);
  return { EventBusArn: bus.arn, ...(description ? { Description: description } : {}) };
}

export function describeEventBus(state: RegionState, input: Input): Output {
  return busShape(busOf(state, eventBusNameOf(optionalString(input, 'Name'))));
}

export function listEventBuses(state: RegionState, input: Input): Output {
  const prefix = optionalString(input, 'NamePrefix') ?? '';
  const buses = [...state.buses.values()].filter((b) => b.name.startsWith(prefix)).sort(byName);
  const { page, nextToken } = paginate(buses, optionalNumber(input, 'Limit'), optionalString(input, 'NextToken'));
  return { EventBuses: page.map(busShape), ...(nextToken ? { NextToken: nextToken } : {}) };
}

/** Deletes a custom bus and its rules; the default bus stays. Deleting a missing bus succeeds, as on AWS. */
export function deleteEventBus(state: RegionState, input: Input): Output {
  const name = eventBusNameOf(requiredString(input, 'Name'));
  if (name === DEFAULT_EVENT_BUS_NAME) throw new ValidationError('Cannot delete event bus default.');
  for (const rule of state.rules.get(name)?.values() ?? []) stopSchedule(state, rule);
  state.buses.delete(name);
  state.rules.delete(name);
  return {};
}
