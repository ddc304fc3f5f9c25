import type { Archive, EventBus, Replay, Rule } from './types';

/** API output: AWS JSON field names. */
export type Output = Record<string, unknown>;

/** AWS JSON 1.1 timestamps are epoch seconds. */
export const epochSeconds = (date: Date) => date.getTime() / 1000;

export function optionalField<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

export const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function busShape(bus: EventBus): Output {
  return {
    Name: bus.name,
    Arn: bus.arn,
    ...(bus.description ? { Description: bus.description } : {}),
    ...(bus.policy ? { Policy: JSON.stringify(bus.policy) } : {}),
    CreationTime: epochSeconds(bus.creationTime),
    LastModifiedTime: epochSeconds(bus.lastModifiedTime),
  };
}

export function ruleShape(rule: Rule): Output {
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

export function archiveShape(archive: Archive): Output {
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

export function replayShape(replay: Replay): Output {
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
