import type { EventBridgeEvent } from './types';

/**
 * What the emulator reports at each hop of an event, for operator tools and tracing. Every payload carries
 * `at` (epoch ms) and the event, so a subscriber can follow one `event.id` from PutEvents to its targets.
 */
export interface EventHop {
  at: number;
  eventBusName: string;
  event: EventBridgeEvent;
}

/** The event was accepted by PutEvents (or re-injected by a replay or a bus-to-bus target). */
export type PublishedHop = EventHop & { replayName?: string };

/** A rule of the bus matched the event. */
export type MatchedHop = EventHop & { ruleName: string; ruleArn: string; targetCount: number };

/** The event could not be routed: its bus does not exist (AWS accepts it and drops it silently). */
export type DroppedHop = EventHop & {
  reason: string;
  ruleArn?: string;
  targetId?: string;
  targetArn?: string;
};

export type TargetHop = EventHop & {
  ruleName: string;
  ruleArn: string;
  targetId: string;
  targetArn: string;
  /** 1 for the first try. */
  attempt: number;
  /** Time spent in this attempt. */
  durationMs: number;
  /** Time since EventBridge received the event. */
  sinceIngestionMs: number;
};

export type DeliveredHop = TargetHop & { input: string };

export type FailedHop = TargetHop & { errorCode: string; errorMessage: string; willRetry: boolean };

export type DeadLetteredHop = TargetHop & {
  deadLetterArn: string;
  errorCode: string;
  errorMessage: string;
  exhaustedRetryCondition?: 'MaximumRetryAttempts' | 'MaximumEventAgeInSeconds';
};

export type ArchivedHop = EventHop & { archiveName: string };

/** The emulator's hook events, for `emulator.on(name, listener)`. */
export interface EventBridgeHooks {
  published: [PublishedHop];
  matched: [MatchedHop];
  delivered: [DeliveredHop];
  failed: [FailedHop];
  'dead-lettered': [DeadLetteredHop];
  dropped: [DroppedHop];
  archived: [ArchivedHop];
}
