import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { archiveArn, eventBusArn, eventBusNameOf, parseArn, replayArn, ruleArn, type ArnScope } from './arns';
import {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_EVENT_BUS_NAME,
  DEFAULT_LAMBDA_ENDPOINT,
  DEFAULT_REGION,
  DEFAULT_RETRY_BASE_DELAY_MS,
  DEFAULT_RETRY_MAX_DELAY_MS,
  DEFAULT_SQS_ENDPOINT,
  MAX_PUT_EVENTS_ENTRIES,
  MAX_PUT_EVENTS_REQUEST_BYTES,
  MAX_TARGETS_PER_REQUEST,
  MAX_TARGETS_PER_RULE,
} from './constants';
import { LambdaTargetClient } from './delivery/lambdaTarget';
import { SqsTargetClient } from './delivery/sqsTarget';
import { TargetDispatcher } from './delivery/TargetDispatcher';
import { computeEntrySize } from './entrySize';
import {
  InvalidEventPatternApiError,
  LimitExceededError,
  ResourceAlreadyExistsError,
  ResourceNotFoundError,
  ValidationError,
  IllegalStatusError,
} from './errors';
import type { EventBridgeHooks } from './hooks';
import { isoSeconds } from './inputTransformer';
import { paginate } from './pagination';
import { compilePattern, InvalidEventPatternError } from './pattern';
import { ratePeriodMs, validateScheduleExpression } from './scheduleExpression';
import { validateTarget } from './targetValidation';
import type {
  Archive,
  EventBridgeEvent,
  EventBus,
  PutEventsRequestEntry,
  PutEventsResultEntry,
  Replay,
  Rule,
  RuleState,
} from './types';
import {
  isObject,
  NAME_PATTERNS,
  optionalBoolean,
  optionalNumber,
  optionalString,
  optionalTimestamp,
  requiredArray,
  requiredString,
  type Input,
} from './validation';

export interface EventBridgeEmulatorOptions {
  /** Region in every ARN and event; `us-east-1` by default. */
  region?: string;
  /** Account in every ARN and event; `000000000000` by default. */
  accountId?: string;
  /** Where SQS targets and dead-letter queues live (fauxqs); the edge endpoint by default. */
  sqsEndpoint?: string;
  /** Where Lambda targets are invoked: serverless-offline's `http://127.0.0.1:3002` by default. */
  lambdaEndpoint?: string;
  /** Backoff between delivery attempts, kept short offline. */
  retry?: { baseDelayMs?: number; maxDelayMs?: number };
  /** Fire `rate(...)` scheduled rules (default true). `cron(...)` rules are accepted but never fire. */
  runSchedules?: boolean;
}

type Output = Record<string, unknown>;

const RULE_STATES: readonly RuleState[] = ['ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'];
const REQUIRED_TEST_EVENT_FIELDS = ['id', 'account', 'source', 'time', 'region', 'detail-type'];
const epochSeconds = (date: Date) => date.getTime() / 1000;

/**
 * An in-memory Amazon EventBridge: event buses, rules, targets, archives and replays, with delivery to SQS
 * queues, Lambda functions and other buses. Each API operation takes and returns AWS's JSON shapes (see
 * `createEventBridgeListener` for the HTTP side). Every hop of an event is emitted as a hook
 * (`published`, `matched`, `delivered`, `failed`, `dead-lettered`, `dropped`, `archived`).
 *
 * @example
 * const emulator = new EventBridgeEmulator({ sqsEndpoint: sqs.endpoint });
 * emulator.on('delivered', (hop) => console.log(hop.event.id, '→', hop.targetArn, `${hop.sinceIngestionMs} ms`));
 */
export class EventBridgeEmulator extends EventEmitter<EventBridgeHooks> {
  readonly region: string;
  readonly accountId: string;
  private readonly scope: ArnScope;
  private readonly buses = new Map<string, EventBus>();
  /** Rules per bus name, then per rule name. */
  private readonly rules = new Map<string, Map<string, Rule>>();
  private readonly archives = new Map<string, Archive>();
  private readonly replays = new Map<string, Replay>();
  private readonly schedules = new Map<string, NodeJS.Timeout>();
  private readonly sqs: SqsTargetClient;
  private readonly lambda: LambdaTargetClient;
  private readonly dispatcher: TargetDispatcher;
  private readonly runSchedules: boolean;

  constructor(options: EventBridgeEmulatorOptions = {}) {
    super();
    this.region = options.region ?? DEFAULT_REGION;
    this.accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
    this.scope = { region: this.region, accountId: this.accountId };
    this.runSchedules = options.runSchedules ?? true;
    this.sqs = new SqsTargetClient(options.sqsEndpoint ?? DEFAULT_SQS_ENDPOINT);
    this.lambda = new LambdaTargetClient(options.lambdaEndpoint ?? DEFAULT_LAMBDA_ENDPOINT);
    this.dispatcher = new TargetDispatcher({
      sqs: this.sqs,
      lambda: this.lambda,
      hooks: this,
      putToBus: (busName, event) => this.route(busName, event, new Date()),
      retry: {
        baseDelayMs: options.retry?.baseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS,
        maxDelayMs: options.retry?.maxDelayMs ?? DEFAULT_RETRY_MAX_DELAY_MS,
      },
    });
    this.addBus(DEFAULT_EVENT_BUS_NAME);
  }

  /** Resolves once every delivery, retry and replay started so far has finished. */
  idle(): Promise<void> {
    return this.dispatcher.idle();
  }

  /** Stops schedules and pending retries and releases the SDK clients' sockets. */
  close(): void {
    for (const timer of this.schedules.values()) clearInterval(timer);
    this.schedules.clear();
    this.dispatcher.close();
    this.sqs.close();
    this.lambda.close();
  }

  // ---- Event buses -------------------------------------------------------------------------------------

  createEventBus(input: Input): Output {
    const name = requiredString(input, 'Name', { max: 256, pattern: NAME_PATTERNS.eventBus });
    const description = optionalString(input, 'Description', { max: 512 });
    if (this.buses.has(name)) throw new ResourceAlreadyExistsError(`Event bus ${name} already exists.`);
    if (name.startsWith('aws.') && !input.EventSourceName)
      throw new ValidationError('Event bus name must not start with "aws.", which is reserved for partner buses.');
    const bus = this.addBus(name, description);
    return { EventBusArn: bus.arn, ...(description ? { Description: description } : {}) };
  }

  describeEventBus(input: Input): Output {
    const bus = this.bus(eventBusNameOf(optionalString(input, 'Name')));
    return this.describeBus(bus);
  }

  listEventBuses(input: Input): Output {
    const prefix = optionalString(input, 'NamePrefix') ?? '';
    const buses = [...this.buses.values()].filter((b) => b.name.startsWith(prefix)).sort(byName);
    const { page, nextToken } = paginate(buses, optionalNumber(input, 'Limit'), optionalString(input, 'NextToken'));
    return { EventBuses: page.map((b) => this.describeBus(b)), ...(nextToken ? { NextToken: nextToken } : {}) };
  }

  /** Deletes a custom bus and its rules; the default bus stays. Deleting a missing bus succeeds, as on AWS. */
  deleteEventBus(input: Input): Output {
    const name = eventBusNameOf(requiredString(input, 'Name'));
    if (name === DEFAULT_EVENT_BUS_NAME) throw new ValidationError('Cannot delete event bus default.');
    for (const rule of this.rules.get(name)?.values() ?? []) this.stopSchedule(rule);
    this.buses.delete(name);
    this.rules.delete(name);
    return {};
  }

  // ---- Rules -------------------------------------------------------------------------------------------

  putRule(input: Input): Output {
    const name = requiredString(input, 'Name', { max: 64, pattern: NAME_PATTERNS.rule });
    const busName = eventBusNameOf(optionalString(input, 'EventBusName'));
    this.bus(busName);
    const eventPattern = optionalString(input, 'EventPattern', { max: 4096 });
    const scheduleExpression = optionalString(input, 'ScheduleExpression', { max: 256 });
    const state = (optionalString(input, 'State') ?? 'ENABLED') as RuleState;
    if (!RULE_STATES.includes(state))
      throw new ValidationError(
        `Parameter State is not valid. Reason: ${state} is not one of ${RULE_STATES.join(', ')}.`,
      );
    if (!eventPattern && !scheduleExpression)
      throw new ValidationError('Parameter(s) EventPattern or ScheduleExpression must be specified.');
    if (scheduleExpression) {
      if (busName !== DEFAULT_EVENT_BUS_NAME)
        throw new ValidationError('ScheduleExpression is supported only on the default event bus.');
      validateScheduleExpression(scheduleExpression);
    }
    const matches = eventPattern ? compileOrThrow(eventPattern) : () => false;
    const rules = this.rulesOf(busName);
    const existing = rules.get(name);
    const rule: Rule = {
      name,
      arn: ruleArn(this.scope, busName, name),
      eventBusName: busName,
      state,
      matches,
      targets: existing?.targets ?? new Map(),
      ...(eventPattern ? { eventPattern } : {}),
      ...(scheduleExpression ? { scheduleExpression } : {}),
      ...optionalField('description', optionalString(input, 'Description', { max: 512 })),
      ...optionalField('roleArn', optionalString(input, 'RoleArn', { max: 1600 })),
    };
    if (existing) this.stopSchedule(existing);
    rules.set(name, rule);
    this.startSchedule(rule);
    return { RuleArn: rule.arn };
  }

  describeRule(input: Input): Output {
    const rule = this.rule(input, 'Name');
    return { ...this.describeRuleShape(rule), CreatedBy: this.accountId };
  }

  listRules(input: Input): Output {
    const busName = eventBusNameOf(optionalString(input, 'EventBusName'));
    this.bus(busName);
    const prefix = optionalString(input, 'NamePrefix') ?? '';
    const rules = [...this.rulesOf(busName).values()].filter((r) => r.name.startsWith(prefix)).sort(byName);
    const { page, nextToken } = paginate(rules, optionalNumber(input, 'Limit'), optionalString(input, 'NextToken'));
    return { Rules: page.map((r) => this.describeRuleShape(r)), ...(nextToken ? { NextToken: nextToken } : {}) };
  }

  listRuleNamesByTarget(input: Input): Output {
    const targetArn = requiredString(input, 'TargetArn', { max: 1600 });
    const busName = eventBusNameOf(optionalString(input, 'EventBusName'));
    this.bus(busName);
    const names = [...this.rulesOf(busName).values()]
      .filter((r) => [...r.targets.values()].some((t) => t.Arn === targetArn))
      .map((r) => r.name)
      .sort();
    const { page, nextToken } = paginate(names, optionalNumber(input, 'Limit'), optionalString(input, 'NextToken'));
    return { RuleNames: page, ...(nextToken ? { NextToken: nextToken } : {}) };
  }

  enableRule(input: Input): Output {
    const rule = this.rule(input, 'Name');
    rule.state = 'ENABLED';
    this.startSchedule(rule);
    return {};
  }

  disableRule(input: Input): Output {
    const rule = this.rule(input, 'Name');
    rule.state = 'DISABLED';
    this.stopSchedule(rule);
    return {};
  }

  /** Refuses while the rule has targets, as AWS does; deleting a missing rule succeeds. */
  deleteRule(input: Input): Output {
    const name = requiredString(input, 'Name', { max: 64, pattern: NAME_PATTERNS.rule });
    const busName = eventBusNameOf(optionalString(input, 'EventBusName'));
    optionalBoolean(input, 'Force');
    const rules = this.rules.get(busName);
    const rule = rules?.get(name);
    if (!rule) return {};
    if (rule.targets.size > 0) throw new ValidationError("Rule can't be deleted since it has targets.");
    this.stopSchedule(rule);
    rules!.delete(name);
    return {};
  }

  // ---- Targets -----------------------------------------------------------------------------------------

  putTargets(input: Input): Output {
    const rule = this.rule(input, 'Rule');
    const targets = requiredArray(input, 'Targets', 1, MAX_TARGETS_PER_REQUEST).map((target, i) =>
      validateTarget(target, i + 1),
    );
    const ids = new Set([...rule.targets.keys(), ...targets.map((t) => t.Id)]);
    if (ids.size > MAX_TARGETS_PER_RULE)
      throw new LimitExceededError('The requested resource exceeds the maximum number allowed.');
    for (const target of targets) rule.targets.set(target.Id, target);
    return { FailedEntryCount: 0, FailedEntries: [] };
  }

  listTargetsByRule(input: Input): Output {
    const rule = this.rule(input, 'Rule');
    const { page, nextToken } = paginate(
      [...rule.targets.values()],
      optionalNumber(input, 'Limit'),
      optionalString(input, 'NextToken'),
    );
    return { Targets: page, ...(nextToken ? { NextToken: nextToken } : {}) };
  }

  removeTargets(input: Input): Output {
    const rule = this.rule(input, 'Rule');
    const ids = requiredArray(input, 'Ids', 1, 100);
    optionalBoolean(input, 'Force');
    for (const id of ids) {
      if (typeof id !== 'string') throw new ValidationError('Parameter Ids must be a list of strings.');
      rule.targets.delete(id);
    }
    return { FailedEntryCount: 0, FailedEntries: [] };
  }

  // ---- Events ------------------------------------------------------------------------------------------

  putEvents(input: Input): Output {
    const entries = requiredArray(input, 'Entries', 1, MAX_PUT_EVENTS_ENTRIES);
    let total = 0;
    for (const entry of entries) {
      if (!isObject(entry)) throw new ValidationError('Parameter Entries must be a list of objects.');
      total += computeEntrySize(entry as PutEventsRequestEntry);
    }
    if (total > MAX_PUT_EVENTS_REQUEST_BYTES)
      throw new ValidationError('Total size of the entries in the request is over the limit.');
    const results = entries.map((entry) => this.acceptEntry(entry as Record<string, unknown>));
    return { FailedEntryCount: results.filter((r) => r.ErrorCode).length, Entries: results };
  }

  testEventPattern(input: Input): Output {
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
    const matches = compileOrThrow(pattern);
    return { Result: safeMatch(matches, event) };
  }

  // ---- Archives ----------------------------------------------------------------------------------------

  createArchive(input: Input): Output {
    const name = requiredString(input, 'ArchiveName', { max: 48, pattern: NAME_PATTERNS.archive });
    const eventSourceArn = requiredString(input, 'EventSourceArn', { max: 1600 });
    const bus = this.busByArn(eventSourceArn);
    const eventPattern = optionalString(input, 'EventPattern', { max: 4096 });
    const retentionDays = optionalNumber(input, 'RetentionDays') ?? 0;
    if (!Number.isInteger(retentionDays) || retentionDays < 0)
      throw new ValidationError('Parameter RetentionDays is not valid. Reason: RetentionDays must be 0 or more.');
    const matches = eventPattern ? compileOrThrow(eventPattern) : () => true;
    if (this.archives.has(name)) throw new ResourceAlreadyExistsError(`Archive ${name} already exists.`);
    const archive: Archive = {
      name,
      arn: archiveArn(this.scope, name),
      eventSourceArn: bus.arn,
      matches,
      retentionDays,
      state: 'ENABLED',
      creationTime: new Date(),
      events: [],
      sizeBytes: 0,
      ...(eventPattern ? { eventPattern } : {}),
      ...optionalField('description', optionalString(input, 'Description', { max: 512 })),
    };
    this.archives.set(name, archive);
    return { ArchiveArn: archive.arn, State: archive.state, CreationTime: epochSeconds(archive.creationTime) };
  }

  describeArchive(input: Input): Output {
    const archive = this.archive(input);
    return {
      ArchiveArn: archive.arn,
      ...this.archiveShape(archive),
      ...(archive.description ? { Description: archive.description } : {}),
      ...(archive.eventPattern ? { EventPattern: archive.eventPattern } : {}),
    };
  }

  listArchives(input: Input): Output {
    const prefix = optionalString(input, 'NamePrefix') ?? '';
    const source = optionalString(input, 'EventSourceArn');
    const state = optionalString(input, 'State');
    const archives = [...this.archives.values()]
      .filter((a) => a.name.startsWith(prefix) && (!source || a.eventSourceArn === source))
      .filter((a) => !state || a.state === state)
      .sort(byName);
    const { page, nextToken } = paginate(archives, optionalNumber(input, 'Limit'), optionalString(input, 'NextToken'));
    return { Archives: page.map((a) => this.archiveShape(a)), ...(nextToken ? { NextToken: nextToken } : {}) };
  }

  updateArchive(input: Input): Output {
    const archive = this.archive(input);
    const eventPattern = optionalString(input, 'EventPattern', { max: 4096 });
    if (eventPattern !== undefined) {
      archive.matches = compileOrThrow(eventPattern);
      archive.eventPattern = eventPattern;
    }
    const description = optionalString(input, 'Description', { max: 512 });
    if (description !== undefined) archive.description = description;
    const retentionDays = optionalNumber(input, 'RetentionDays');
    if (retentionDays !== undefined) archive.retentionDays = retentionDays;
    return { ArchiveArn: archive.arn, State: archive.state, CreationTime: epochSeconds(archive.creationTime) };
  }

  deleteArchive(input: Input): Output {
    const archive = this.archive(input);
    this.archives.delete(archive.name);
    return {};
  }

  // ---- Replays -----------------------------------------------------------------------------------------

  startReplay(input: Input): Output {
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
    if (this.replays.has(name)) throw new ResourceAlreadyExistsError(`Replay ${name} already exists.`);
    const archiveName = parseArn(eventSourceArn)?.resource.replace(/^archive\//, '') ?? '';
    const archive = this.archives.get(archiveName);
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
      arn: replayArn(this.scope, name),
      eventSourceArn,
      destination: { Arn: destination.Arn, ...(filterArns ? { FilterArns: filterArns as string[] } : {}) },
      eventStartTime: start,
      eventEndTime: end,
      state: 'STARTING',
      replayStartTime: new Date(),
      ...optionalField('description', optionalString(input, 'Description', { max: 512 })),
    };
    this.replays.set(name, replay);
    this.dispatcher.track(() => this.runReplay(replay, archive));
    return {
      ReplayArn: replay.arn,
      State: replay.state,
      ReplayStartTime: epochSeconds(replay.replayStartTime),
    };
  }

  describeReplay(input: Input): Output {
    const replay = this.replay(input);
    return {
      ReplayName: replay.name,
      ReplayArn: replay.arn,
      ...(replay.description ? { Description: replay.description } : {}),
      ...this.replayShape(replay),
      Destination: replay.destination,
    };
  }

  listReplays(input: Input): Output {
    const prefix = optionalString(input, 'NamePrefix') ?? '';
    const source = optionalString(input, 'EventSourceArn');
    const state = optionalString(input, 'State');
    const replays = [...this.replays.values()]
      .filter((r) => r.name.startsWith(prefix) && (!source || r.eventSourceArn === source))
      .filter((r) => !state || r.state === state)
      .sort(byName);
    const { page, nextToken } = paginate(replays, optionalNumber(input, 'Limit'), optionalString(input, 'NextToken'));
    return {
      Replays: page.map((r) => ({ ReplayName: r.name, ...this.replayShape(r) })),
      ...(nextToken ? { NextToken: nextToken } : {}),
    };
  }

  cancelReplay(input: Input): Output {
    const replay = this.replay(input);
    if (replay.state !== 'STARTING' && replay.state !== 'RUNNING')
      throw new IllegalStatusError(`Replay ${replay.name} is not in a state that can be cancelled.`);
    replay.state = 'CANCELLING';
    return { ReplayArn: replay.arn, State: replay.state };
  }

  // ---- Routing -----------------------------------------------------------------------------------------

  private acceptEntry(entry: Record<string, unknown>): PutEventsResultEntry {
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
      account: this.accountId,
      time: isoSeconds(time),
      region: this.region,
      resources: resources as string[],
      detail,
    };
    this.route(
      eventBusNameOf(typeof entry.EventBusName === 'string' ? entry.EventBusName : undefined),
      event,
      ingestionTime,
      undefined,
      // Passed to the targets, never part of the event (nor of its archive copy, so never of a replay).
      typeof entry.TraceHeader === 'string' ? entry.TraceHeader : undefined,
    );
    return { EventId: event.id };
  }

  /**
   * Archives the event, matches it against the bus's enabled rules and hands it to their targets. A replay
   * reaches only its filter's rules and is not archived again.
   */
  private route(
    eventBusName: string,
    event: EventBridgeEvent,
    ingestionTime: Date,
    replay?: { name: string; ruleArns?: ReadonlySet<string> },
    traceHeader?: string,
  ): void {
    const at = Date.now();
    this.safeEmit('published', { at, eventBusName, event, ...(replay ? { replayName: replay.name } : {}) });
    const bus = this.buses.get(eventBusName);
    if (!bus) {
      this.safeEmit('dropped', { at, eventBusName, event, reason: `Event bus ${eventBusName} does not exist.` });
      return;
    }
    if (!replay) this.archive_(bus, event);
    for (const rule of this.rulesOf(eventBusName).values()) {
      if (rule.state === 'DISABLED' || !rule.eventPattern) continue;
      if (replay?.ruleArns && !replay.ruleArns.has(rule.arn)) continue;
      if (!safeMatch(rule.matches, event)) continue;
      this.deliverToRule(rule, event, ingestionTime, traceHeader);
    }
  }

  private deliverToRule(rule: Rule, event: EventBridgeEvent, ingestionTime: Date, traceHeader?: string): void {
    this.safeEmit('matched', {
      at: Date.now(),
      eventBusName: rule.eventBusName,
      event,
      ruleName: rule.name,
      ruleArn: rule.arn,
      targetCount: rule.targets.size,
    });
    for (const target of rule.targets.values()) {
      this.dispatcher.dispatch({
        event,
        eventBusName: rule.eventBusName,
        ruleName: rule.name,
        ruleArn: rule.arn,
        target,
        ingestionTime,
        ...(traceHeader ? { traceHeader } : {}),
      });
    }
  }

  private archive_(bus: EventBus, event: EventBridgeEvent): void {
    for (const archive of this.archives.values()) {
      if (archive.eventSourceArn !== bus.arn || archive.state !== 'ENABLED' || !safeMatch(archive.matches, event))
        continue;
      const sizeBytes = Buffer.byteLength(JSON.stringify(event), 'utf8');
      archive.events.push({ event, sizeBytes });
      archive.sizeBytes += sizeBytes;
      this.safeEmit('archived', { at: Date.now(), eventBusName: bus.name, event, archiveName: archive.name });
    }
  }

  private async runReplay(replay: Replay, archive: Archive): Promise<void> {
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
      this.route(busName, replayed, new Date(), { name: replay.name, ...(ruleArns ? { ruleArns } : {}) });
      replay.eventLastReplayedTime = new Date(time);
      await new Promise((resolve) => setImmediate(resolve));
    }
    replay.state = (replay.state as Replay['state']) === 'CANCELLING' ? 'CANCELLED' : 'COMPLETED';
    replay.replayEndTime = new Date();
  }

  // ---- Schedules ---------------------------------------------------------------------------------------

  private startSchedule(rule: Rule): void {
    if (!this.runSchedules || !rule.scheduleExpression || rule.state === 'DISABLED') return;
    const period = ratePeriodMs(rule.scheduleExpression);
    if (period === undefined || this.schedules.has(rule.arn)) return;
    const timer = setInterval(() => {
      const now = new Date();
      const event: EventBridgeEvent = {
        version: '0',
        id: randomUUID(),
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        account: this.accountId,
        time: isoSeconds(now),
        region: this.region,
        resources: [rule.arn],
        detail: {},
      };
      this.safeEmit('published', { at: now.getTime(), eventBusName: rule.eventBusName, event });
      this.deliverToRule(rule, event, now);
    }, period);
    timer.unref();
    this.schedules.set(rule.arn, timer);
  }

  private stopSchedule(rule: Rule): void {
    const timer = this.schedules.get(rule.arn);
    if (timer) clearInterval(timer);
    this.schedules.delete(rule.arn);
  }

  // ---- Lookups and shapes ------------------------------------------------------------------------------

  private addBus(name: string, description?: string): EventBus {
    const now = new Date();
    const bus: EventBus = {
      name,
      arn: eventBusArn(this.scope, name),
      creationTime: now,
      lastModifiedTime: now,
      ...(description ? { description } : {}),
    };
    this.buses.set(name, bus);
    this.rules.set(name, new Map());
    return bus;
  }

  private bus(name: string): EventBus {
    const bus = this.buses.get(name);
    if (!bus) throw new ResourceNotFoundError(`Event bus ${name} does not exist.`);
    return bus;
  }

  private busByArn(arn: string): EventBus {
    const bus = this.bus(eventBusNameOf(arn));
    if (bus.arn !== arn) throw new ResourceNotFoundError(`Event bus ${arn} does not exist.`);
    return bus;
  }

  private rulesOf(busName: string): Map<string, Rule> {
    let rules = this.rules.get(busName);
    if (!rules) {
      rules = new Map();
      this.rules.set(busName, rules);
    }
    return rules;
  }

  private rule(input: Input, field: 'Name' | 'Rule'): Rule {
    const name = requiredString(input, field, { max: 64, pattern: NAME_PATTERNS.rule });
    const busName = eventBusNameOf(optionalString(input, 'EventBusName'));
    this.bus(busName);
    const rule = this.rulesOf(busName).get(name);
    if (!rule) throw new ResourceNotFoundError(`Rule ${name} does not exist on EventBus ${busName}.`);
    return rule;
  }

  private archive(input: Input): Archive {
    const name = requiredString(input, 'ArchiveName', { max: 48, pattern: NAME_PATTERNS.archive });
    const archive = this.archives.get(name);
    if (!archive) throw new ResourceNotFoundError(`Archive ${name} does not exist.`);
    return archive;
  }

  private replay(input: Input): Replay {
    const name = requiredString(input, 'ReplayName', { max: 64, pattern: NAME_PATTERNS.replay });
    const replay = this.replays.get(name);
    if (!replay) throw new ResourceNotFoundError(`Replay ${name} does not exist.`);
    return replay;
  }

  private describeBus(bus: EventBus): Output {
    return {
      Name: bus.name,
      Arn: bus.arn,
      ...(bus.description ? { Description: bus.description } : {}),
      CreationTime: epochSeconds(bus.creationTime),
      LastModifiedTime: epochSeconds(bus.lastModifiedTime),
    };
  }

  private describeRuleShape(rule: Rule): Output {
    return {
      Name: rule.name,
      Arn: rule.arn,
      ...(rule.eventPattern ? { EventPattern: rule.eventPattern } : {}),
      ...(rule.scheduleExpression ? { ScheduleExpression: rule.scheduleExpression } : {}),
      State: rule.state,
      ...(rule.description ? { Description: rule.description } : {}),
      ...(rule.roleArn ? { RoleArn: rule.roleArn } : {}),
      EventBusName: rule.eventBusName,
    };
  }

  private archiveShape(archive: Archive): Output {
    return {
      ArchiveName: archive.name,
      EventSourceArn: archive.eventSourceArn,
      State: archive.state,
      RetentionDays: archive.retentionDays,
      SizeBytes: archive.sizeBytes,
      EventCount: archive.events.length,
      CreationTime: epochSeconds(archive.creationTime),
    };
  }

  private replayShape(replay: Replay): Output {
    return {
      EventSourceArn: replay.eventSourceArn,
      State: replay.state,
      ...(replay.stateReason ? { StateReason: replay.stateReason } : {}),
      EventStartTime: epochSeconds(replay.eventStartTime),
      EventEndTime: epochSeconds(replay.eventEndTime),
      ...(replay.eventLastReplayedTime ? { EventLastReplayedTime: epochSeconds(replay.eventLastReplayedTime) } : {}),
      ReplayStartTime: epochSeconds(replay.replayStartTime),
      ...(replay.replayEndTime ? { ReplayEndTime: epochSeconds(replay.replayEndTime) } : {}),
    };
  }

  private safeEmit<K extends keyof EventBridgeHooks>(name: K, ...payload: EventBridgeHooks[K]): void {
    try {
      (this.emit as (name: K, ...args: EventBridgeHooks[K]) => boolean)(name, ...payload);
    } catch {
      // A throwing hook listener must not fail the API call.
    }
  }
}

function compileOrThrow(pattern: string): (event: unknown) => boolean {
  try {
    const compiled = compilePattern(pattern);
    return (event) => compiled.matches(event);
  } catch (error) {
    if (error instanceof InvalidEventPatternError) throw new InvalidEventPatternApiError(error.message);
    throw error;
  }
}

function safeMatch(matches: (event: unknown) => boolean, event: unknown): boolean {
  try {
    return matches(event);
  } catch {
    return false;
  }
}

function invalid(message: string): PutEventsResultEntry {
  return { ErrorCode: 'InvalidArgument', ErrorMessage: message };
}

function optionalField<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
