import type { Clock, ClockTimer } from './clock';
import type { SchedulerState } from './scheduler/types';
import { eventBusArn, eventBusNameOf, type ArnScope } from './arns';
import { DEFAULT_EVENT_BUS_NAME } from './constants';
import type { TargetDispatcher } from './delivery/TargetDispatcher';
import { ResourceNotFoundError } from './errors';
import type { EventBridgeHooks } from './hooks';
import type { ApiDestination, Archive, Connection, EventBus, Replay, Rule } from './types';
import { NAME_PATTERNS, optionalString, requiredString, type Input } from './validation';

/** What every region of one emulator shares: its account, its deliveries and its hooks. */
export interface EventBridgeCore {
  readonly accountId: string;
  readonly dispatcher: TargetDispatcher;
  /** Fire scheduled rules (tests turn it off, or drive a clock). */
  readonly runSchedules: boolean;
  /** The time source of schedules. */
  readonly clock: Clock;
  /** Emits a hook; a throwing listener never fails the API call. */
  hook<K extends keyof EventBridgeHooks>(name: K, ...payload: EventBridgeHooks[K]): void;
  /** The state of another region (a bus target may be in any region). */
  region(name: string): RegionState;
}

/**
 * One region's EventBridge, as AWS keeps it: its own default bus, custom buses, rules, archives, replays and
 * schedules, every ARN carrying the region. API operations take it as their first argument.
 */
export interface RegionState {
  readonly core: EventBridgeCore;
  readonly scope: ArnScope;
  readonly buses: Map<string, EventBus>;
  /** Rules per bus name, then per rule name. */
  readonly rules: Map<string, Map<string, Rule>>;
  readonly archives: Map<string, Archive>;
  readonly replays: Map<string, Replay>;
  readonly connections: Map<string, Connection>;
  readonly apiDestinations: Map<string, ApiDestination>;
  /** EventBridge Scheduler's groups and schedules. */
  readonly scheduler: SchedulerState;
  /** Timers of scheduled rules, by rule ARN. */
  readonly schedules: Map<string, ClockTimer>;
}

/**
 * A region's empty state with its default bus.
 *
 * @example
 * const euWest1 = createRegionState(core, { region: 'eu-west-1', accountId: '000000000000' });
 */
export function createRegionState(core: EventBridgeCore, scope: ArnScope): RegionState {
  const state: RegionState = {
    core,
    scope,
    buses: new Map(),
    rules: new Map(),
    archives: new Map(),
    replays: new Map(),
    connections: new Map(),
    apiDestinations: new Map(),
    scheduler: { groups: new Map(), schedules: new Map() },
    schedules: new Map(),
  };
  const now = new Date();
  state.scheduler.groups.set('default', {
    name: 'default',
    arn: `arn:aws:scheduler:${scope.region}:${scope.accountId}:schedule-group/default`,
    creationDate: now,
    lastModificationDate: now,
    tags: new Map(),
  });
  addBus(state, DEFAULT_EVENT_BUS_NAME);
  return state;
}

export function addBus(state: RegionState, name: string, description?: string): EventBus {
  const now = new Date();
  const bus: EventBus = {
    name,
    arn: eventBusArn(state.scope, name),
    creationTime: now,
    lastModifiedTime: now,
    tags: new Map(),
    ...(description ? { description } : {}),
  };
  state.buses.set(name, bus);
  state.rules.set(name, new Map());
  return bus;
}

export function busOf(state: RegionState, name: string): EventBus {
  const bus = state.buses.get(name);
  if (!bus) throw new ResourceNotFoundError(`Event bus ${name} does not exist.`);
  return bus;
}

export function busByArn(state: RegionState, arn: string): EventBus {
  const bus = busOf(state, eventBusNameOf(arn));
  if (bus.arn !== arn) throw new ResourceNotFoundError(`Event bus ${arn} does not exist.`);
  return bus;
}

export function rulesOf(state: RegionState, busName: string): Map<string, Rule> {
  let rules = state.rules.get(busName);
  if (!rules) {
    rules = new Map();
    state.rules.set(busName, rules);
  }
  return rules;
}

export function ruleOf(state: RegionState, input: Input, field: 'Name' | 'Rule'): Rule {
  const name = requiredString(input, field, { max: 64, pattern: NAME_PATTERNS.rule });
  const busName = eventBusNameOf(optionalString(input, 'EventBusName'));
  busOf(state, busName);
  const rule = rulesOf(state, busName).get(name);
  if (!rule) throw new ResourceNotFoundError(`Rule ${name} does not exist on EventBus ${busName}.`);
  return rule;
}

export function archiveOf(state: RegionState, input: Input): Archive {
  const name = requiredString(input, 'ArchiveName', { max: 48, pattern: NAME_PATTERNS.archive });
  const archive = state.archives.get(name);
  if (!archive) throw new ResourceNotFoundError(`Archive ${name} does not exist.`);
  return archive;
}

export function replayOf(state: RegionState, input: Input): Replay {
  const name = requiredString(input, 'ReplayName', { max: 64, pattern: NAME_PATTERNS.replay });
  const replay = state.replays.get(name);
  if (!replay) throw new ResourceNotFoundError(`Replay ${name} does not exist.`);
  return replay;
}
