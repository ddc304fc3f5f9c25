import type { EventBridgeEmulator } from '../eventbridge/EventBridgeEmulator';
import type {
  DeadLetteredHop,
  DeliveredHop,
  DroppedHop,
  EventHop,
  FailedHop,
  MatchedHop,
  PublishedHop,
  TargetHop,
} from '../eventbridge/hooks';
import { idsOfEvent } from './messageIds';
import type { Hop, HopRecorder } from './types';

type Fields = Omit<Hop, 'seq'>;

/** `arn:aws:sqs:us-east-1:000000000000:loans-dev-x` → `loans-dev-x`; undefined for anything but a queue. */
export function queueNameOfArn(arn: string | undefined): string | undefined {
  const parts = arn?.split(':');
  return parts && parts[2] === 'sqs' && parts.length >= 6 ? parts.slice(5).join(':') : undefined;
}

const base = (hop: EventHop): Fields => ({
  at: hop.at,
  kind: 'published',
  bus: hop.eventBusName,
  ...idsOfEvent(hop.event),
});

const target = (hop: TargetHop): Partial<Fields> => {
  const queue = queueNameOfArn(hop.targetArn);
  return {
    rule: hop.ruleName,
    target: hop.targetArn,
    ...(queue ? { queue } : {}),
    attempt: hop.attempt,
    durationMs: hop.durationMs,
  };
};

/**
 * Records the EventBridge emulator's hooks as hops: `published`, `matched`, `delivered`, `failed` (as
 * `target-failed`), `dead-lettered` and `dropped`, each with the event's ids from its `detail` envelope and
 * the detail-type as name. Returns the function that stops recording.
 *
 * @example
 * const hops = createHopRecorder();
 * const stop = recordEventBridgeHops(emulator, hops);
 */
export function recordEventBridgeHops(emulator: EventBridgeEmulator, recorder: HopRecorder): () => void {
  const onPublished = (hop: PublishedHop) =>
    void recorder.record({ ...base(hop), ...(hop.replayName ? { replayName: hop.replayName } : {}) });
  const onMatched = (hop: MatchedHop) => void recorder.record({ ...base(hop), kind: 'matched', rule: hop.ruleName });
  const onDelivered = (hop: DeliveredHop) => void recorder.record({ ...base(hop), kind: 'delivered', ...target(hop) });
  const onFailed = (hop: FailedHop) =>
    void recorder.record({
      ...base(hop),
      kind: 'target-failed',
      ...target(hop),
      reason: `${hop.errorCode}: ${hop.errorMessage}`,
      willRetry: hop.willRetry,
    });
  const onDeadLettered = (hop: DeadLetteredHop) =>
    void recorder.record({
      ...base(hop),
      kind: 'dead-lettered',
      ...target(hop),
      deadLetterArn: hop.deadLetterArn,
      reason:
        `${hop.errorCode}: ${hop.errorMessage}` +
        (hop.exhaustedRetryCondition ? ` (${hop.exhaustedRetryCondition} exhausted)` : ''),
    });
  const onDropped = (hop: DroppedHop) => {
    const queue = queueNameOfArn(hop.targetArn);
    recorder.record({
      ...base(hop),
      kind: 'dropped',
      reason: hop.reason,
      ...('ruleName' in hop && typeof hop.ruleName === 'string' ? { rule: hop.ruleName } : {}),
      ...(hop.targetArn ? { target: hop.targetArn } : {}),
      ...(queue ? { queue } : {}),
    });
  };
  emulator.on('published', onPublished);
  emulator.on('matched', onMatched);
  emulator.on('delivered', onDelivered);
  emulator.on('failed', onFailed);
  emulator.on('dead-lettered', onDeadLettered);
  emulator.on('dropped', onDropped);
  return () => {
    emulator.off('published', onPublished);
    emulator.off('matched', onMatched);
    emulator.off('delivered', onDelivered);
    emulator.off('failed', onFailed);
    emulator.off('dead-lettered', onDeadLettered);
    emulator.off('dropped', onDropped);
  };
}
