import { eventBusNameOf, parseArn, replayArn } from '../arns';
import { IllegalStatusError, ResourceAlreadyExistsError, ResourceNotFoundError, ValidationError } from '../errors';
import { paginate } from '../pagination';
import { replayOf, type RegionState } from '../regionState';
import { routeEvent } from '../routing';
import { byName, epochSeconds, optionalField, replayShape, type Output } from '../shapes';
import type { Archive, EventBridgeEvent, Replay } from '../types';
import {
  isObject,
  NAME_PATTERNS,
  optionalNumber,
  optionalString,
  oneFilterAtMost,
  optionalTimestamp,
  stateFilter,
  requiredString,
  type Input,
} from '../validation';

const REPLAY_STATES = ['STARTING', 'RUNNING', 'CANCELLING', 'COMPLETED', 'CANCELLED', 'FAILED'];

export function startReplay(state: RegionState, input: Input): Output {
  const name = requiredString(input, 'ReplayName', { max: 64, pattern: NAME_PATTERNS.replay });
  const eventSourceArn = requiredString(input, 'EventSourceArn', { max: 1600 });
  const start = optionalTimestamp(input, 'EventStartTime');
  const end = optionalTimestamp(input, 'EventEndTime');
  if (!start) throw new ValidationError('Parameter EventStartTime must be specified.');
  if (!end) throw new ValidationError('Parameter EventEndTime must be specified.');
  const destination = input.Destination;
  if (!isObject(destination) || typeof destination.Arn !== 'string')
    throw new ValidationError('Parameter Destination.Arn must be specified.');
  const filterArns = destination.FilterArns;
  if (filterArns !== undefined && !(Array.isArray(filterArns) && filterArns.every((a) => typeof a === 'string')))
    throw new ValidationError('Parameter Destination.FilterArns must be a list of rule ARNs.');
  if (state.replays.has(name)) throw new ResourceAlreadyExistsError(`Replay ${name} already exists.`);
  const archiveName = parseArn(eventSourceArn)?.resource.replace(/^archive\//, '') ?? '';
  const archive = state.archives.get(archiveName);
  if (!archive || archive.arn !== eventSourceArn)
    throw new ResourceNotFoundError(`Archive ${archiveName || eventSourceArn} does not exist.`);
  if (start.getTime() >= end.getTime())
    throw new ValidationError(
      'Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.',
    );
  if (destination.Arn !== archive.eventSourceArn)
    throw new ValidationError(
      'Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.',
    );
  const replay: Replay = {
    name,
    arn: replayArn(state.scope, name),
    eventSourceArn,
    destination: { Arn: destination.Arn, ...(filterArns ? { FilterArns: filterArns as string[] } : {}) },
    eventStartTime: start,
    eventEndTime: end,
    state: 'STARTING',
    replayStartTime: new Date(),
    ...optionalField('description', optionalString(input, 'Description', { max: 512 })),
  };
  state.replays.set(name, replay);
  state.core.dispatcher.track(() => runReplay(state, replay, archive));
  return { ReplayArn: replay.arn, State: replay.state, ReplayStartTime: epochSeconds(replay.replayStartTime) };
}

export function describeReplay(state: RegionState, input: Input): Output {
  const replay = replayOf(state, input);
  return {
    ReplayName: replay.name,
    ReplayArn: replay.arn,
    ...(replay.description ? { Description: replay.description } : {}),
    ...replayShape(replay),
    Destination: replay.destination,
  };
}

export function listReplays(state: RegionState, input: Input): Output {
  const prefix = optionalString(input, 'NamePrefix') ?? '';
  const source = optionalString(input, 'EventSourceArn');
  oneFilterAtMost(input, 'ListReplays');
  const replayState = stateFilter(input, REPLAY_STATES);
  const replays = [...state.replays.values()]
    .filter((r) => r.name.startsWith(prefix) && (!source || r.eventSourceArn === source))
    .filter((r) => !replayState || r.state === replayState)
    .sort(byName);
  const { page, nextToken } = paginate(replays, optionalNumber(input, 'Limit'), optionalString(input, 'NextToken'));
  return {
    Replays: page.map((r) => ({ ReplayName: r.name, ...replayShape(r) })),
    ...(nextToken ? { NextToken: nextToken } : {}),
  };
}

export function cancelReplay(state: RegionState, input: Input): Output {
  const replay = replayOf(state, input);
  if (replay.state !== 'STARTING' && replay.state !== 'RUNNING')
    throw new IllegalStatusError(`Replay ${replay.name} is not in a state that can be cancelled.`);
  replay.state = 'CANCELLING';
  return { ReplayArn: replay.arn, State: replay.state };
}

async function runReplay(state: RegionState, replay: Replay, archive: Archive): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  replay.state = 'RUNNING';
  const busName = eventBusNameOf(archive.eventSourceArn);
  const from = replay.eventStartTime.getTime();
  const to = replay.eventEndTime.getTime();
  const ruleArns = replay.destination.FilterArns ? new Set(replay.destination.FilterArns) : undefined;
  const events = archive.events
    .map(({ event }) => ({ event, time: Date.parse(event.time) }))
    .filter(({ time }) => time >= from && time < to)
    .sort((a, b) => a.time - b.time);
  for (const { event, time } of events) {
    if ((replay.state as Replay['state']) === 'CANCELLING') {
      replay.state = 'CANCELLED';
      replay.replayEndTime = new Date();
      return;
    }
    const replayed: EventBridgeEvent = { ...event, 'replay-name': replay.name };
    routeEvent(state, busName, replayed, new Date(), { name: replay.name, ...(ruleArns ? { ruleArns } : {}) });
    replay.eventLastReplayedTime = new Date(time);
    await new Promise((resolve) => setImmediate(resolve));
  }
  replay.state = (replay.state as Replay['state']) === 'CANCELLING' ? 'CANCELLED' : 'COMPLETED';
  replay.replayEndTime = new Date();
}
