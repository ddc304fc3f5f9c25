import { randomUUID } from 'node:crypto';
import { safeMatch } from './compiledPattern';
import { isoSeconds } from './inputTransformer';
import { rulesOf, type RegionState } from './regionState';
import type { EventBridgeEvent, EventBus, Rule } from './types';

/** Where an event came from when it is not a PutEvents entry: a replay reaches only its filter's rules. */
export interface ReplayRouting {
  name: string;
  ruleArns?: ReadonlySet<string>;
}

/**
 * Archives the event, matches it against the bus's enabled rules and hands it to their targets. A replay
 * reaches only its filter's rules and is not archived again. An event for a bus that does not exist is
 * dropped, as AWS does.
 *
 * @example
 * routeEvent(state, 'default', event, new Date());
 */
export function routeEvent(
  state: RegionState,
  eventBusName: string,
  event: EventBridgeEvent,
  ingestionTime: Date,
  replay?: ReplayRouting,
  traceHeader?: string,
): void {
  const at = Date.now();
  const { hook } = state.core;
  hook('published', { at, eventBusName, event, ...(replay ? { replayName: replay.name } : {}) });
  const bus = state.buses.get(eventBusName);
  if (!bus) {
    hook('dropped', { at, eventBusName, event, reason: `Event bus ${eventBusName} does not exist.` });
    return;
  }
  if (!replay) archiveEvent(state, bus, event);
  for (const rule of rulesOf(state, eventBusName).values()) {
    if (rule.state === 'DISABLED' || !rule.eventPattern) continue;
    if (replay?.ruleArns && !replay.ruleArns.has(rule.arn)) continue;
    if (!safeMatch(rule.matches, event)) continue;
    deliverToRule(state, rule, event, ingestionTime, traceHeader);
  }
}

/** Hands an event to every target of one rule (a matched event, or a scheduled rule's tick). */
export function deliverToRule(
  state: RegionState,
  rule: Rule,
  event: EventBridgeEvent,
  ingestionTime: Date,
  traceHeader?: string,
): void {
  state.core.hook('matched', {
    at: Date.now(),
    eventBusName: rule.eventBusName,
    event,
    ruleName: rule.name,
    ruleArn: rule.arn,
    targetCount: rule.targets.size,
  });
  for (const target of rule.targets.values()) {
    state.core.dispatcher.dispatch({
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

/** The event a scheduled rule sends at `now`, as AWS shapes it. */
export function scheduledEvent(state: RegionState, rule: Rule, now: Date): EventBridgeEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: state.scope.accountId,
    time: isoSeconds(now),
    region: state.scope.region,
    resources: [rule.arn],
    detail: {},
  };
}

function archiveEvent(state: RegionState, bus: EventBus, event: EventBridgeEvent): void {
  for (const archive of state.archives.values()) {
    if (archive.eventSourceArn !== bus.arn || archive.state !== 'ENABLED' || !safeMatch(archive.matches, event))
      continue;
    const sizeBytes = Buffer.byteLength(JSON.stringify(event), 'utf8');
    archive.events.push({ event, sizeBytes });
    archive.sizeBytes += sizeBytes;
    state.core.hook('archived', { at: Date.now(), eventBusName: bus.name, event, archiveName: archive.name });
  }
}
