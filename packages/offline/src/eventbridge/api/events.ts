import { randomUUID } from 'node:crypto';
import { eventBusNameOf } from '../arns';
import { compileOrThrow, safeMatch } from '../compiledPattern';
import { MAX_PUT_EVENTS_ENTRIES, MAX_PUT_EVENTS_REQUEST_BYTES } from '../constants';
import { computeEntrySize } from '../entrySize';
import { ValidationError } from '../errors';
import { isoSeconds } from '../inputTransformer';
import type { RegionState } from '../regionState';
import { routeEvent } from '../routing';
import type { Output } from '../shapes';
import type { EventBridgeEvent, PutEventsRequestEntry, PutEventsResultEntry } from '../types';
import { isObject, requiredArray, requiredString, type Input } from '../validation';

const REQUIRED_TEST_EVENT_FIELDS = ['id', 'account', 'source', 'time', 'region', 'detail-type'];

export function putEvents(state: RegionState, input: Input): Output {
  const entries = requiredArray(input, 'Entries', 1, MAX_PUT_EVENTS_ENTRIES);
  let total = 0;
  for (const entry of entries) {
    if (!isObject(entry)) throw new ValidationError('Parameter Entries must be a list of objects.');
    total += computeEntrySize(entry as PutEventsRequestEntry);
  }
  if (total > MAX_PUT_EVENTS_REQUEST_BYTES)
    throw new ValidationError('Total size of the entries in the request is over the limit.');
  const results = entries.map((entry) => acceptEntry(state, entry as Record<string, unknown>));
  return { FailedEntryCount: results.filter((r) => r.ErrorCode).length, Entries: results };
}

export function testEventPattern(_state: RegionState, input: Input): Output {
  const pattern = requiredString(input, 'EventPattern', { max: 4096 });
  const eventText = requiredString(input, 'Event');
  let event: unknown;
  try {
    event = JSON.parse(eventText);
  } catch {
    throw new ValidationError('Parameter Event is not valid.');
  }
  if (!isObject(event) || REQUIRED_TEST_EVENT_FIELDS.some((field) => !(field in event)))
    throw new ValidationError('Parameter Event is not valid.');
  return { Result: safeMatch(compileOrThrow(pattern), event) };
}

function acceptEntry(state: RegionState, entry: Record<string, unknown>): PutEventsResultEntry {
  for (const field of ['Source', 'DetailType', 'Detail'] as const) {
    const value = entry[field];
    if (typeof value !== 'string' || value.length === 0)
      return invalid(`Parameter ${field} is not valid. Reason: ${field} is a required argument.`);
  }
  const source = entry.Source as string;
  if (source.startsWith('aws.'))
    return { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' };
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail as string);
  } catch {
    detail = undefined;
  }
  if (!isObject(detail)) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  const resources = entry.Resources ?? [];
  if (!Array.isArray(resources) || resources.some((r) => typeof r !== 'string'))
    return invalid('Parameter Resources is not valid. Reason: Resources must be a list of strings.');
  const ingestionTime = new Date();
  let time = ingestionTime;
  if (entry.Time !== undefined && entry.Time !== null) {
    time = typeof entry.Time === 'number' ? new Date(entry.Time * 1000) : new Date(String(entry.Time));
    if (Number.isNaN(time.getTime())) return invalid('Parameter Time is not valid.');
  }
  const event: EventBridgeEvent = {
    version: '0',
    id: randomUUID(),
    'detail-type': entry.DetailType as string,
    source,
    account: state.scope.accountId,
    time: isoSeconds(time),
    region: state.scope.region,
    resources: resources as string[],
    detail,
  };
  routeEvent(
    state,
    eventBusNameOf(typeof entry.EventBusName === 'string' ? entry.EventBusName : undefined),
    event,
    ingestionTime,
    undefined,
    // Passed to the targets, never part of the event (nor of its archive copy, so never of a replay).
    typeof entry.TraceHeader === 'string' ? entry.TraceHeader : undefined,
  );
  return { EventId: event.id };
}

function invalid(message: string): PutEventsResultEntry {
  return { ErrorCode: 'InvalidArgument', ErrorMessage: message };
}
