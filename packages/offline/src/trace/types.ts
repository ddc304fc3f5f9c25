/**
 * One hop of an event or command through the offline mesh, as recorded for `mesh trace`, `mesh tail` and the
 * local console. Hops are what an operator would reconstruct on AWS from X-Ray and the logs; offline the mesh
 * records them itself, because it runs every part.
 *
 * - `published`: PutEvents accepted the event (or a replay / bus-to-bus target re-injected it).
 * - `matched`: a rule of the bus matched it.
 * - `delivered`: EventBridge delivered it to a target (an SQS queue: enqueued; a Lambda: invoked).
 * - `target-failed`: a delivery attempt to a target failed (`willRetry` tells whether EventBridge retries).
 * - `dead-lettered`: EventBridge gave up on a target and sent the event to the rule target's DLQ.
 * - `dropped`: the event could not be routed (e.g. unknown bus).
 * - `sent`: a command was sent to a (FIFO) queue directly, without the bus (seen by the poller, see `received`).
 * - `received`: an event-source mapping received the message from its queue and invoked its function.
 * - `handled`: the function handled the message (not reported as a batch item failure).
 * - `failed`: the function failed the message; it returns to its queue (then to the DLQ). `reason` when known.
 */
export type HopKind =
  | 'published'
  | 'matched'
  | 'delivered'
  | 'target-failed'
  | 'dead-lettered'
  | 'dropped'
  | 'sent'
  | 'received'
  | 'handled'
  | 'failed';

export interface Hop {
  /** Increasing per recorder, from 1: the order hops were recorded in, and a cursor for `since`. */
  seq: number;
  /** Epoch milliseconds. */
  at: number;
  kind: HopKind;
  /** The envelope's `eventId` (events) or `commandId` (commands). */
  eventId?: string;
  /** EventBridge's own event id (`id` of the event), for bus hops. */
  awsEventId?: string;
  correlationId?: string;
  causationId?: string;
  /** The event's detail-type, or the command's name. */
  name?: string;
  source?: string;
  bus?: string;
  rule?: string;
  /** The target's or the queue's ARN. */
  target?: string;
  /** Queue name, for queue hops. */
  queue?: string;
  /** The service (of serverless-compose.yml) whose function handled it, for `received` / `handled` / `failed`. */
  service?: string;
  functionName?: string;
  /** The SQS message id, for queue hops (it stays the same when the message moves to its DLQ). */
  messageId?: string;
  /** The delivery attempt (EventBridge) or the SQS ApproximateReceiveCount. */
  attempt?: number;
  /** Time spent in this hop (a delivery attempt, an invocation). */
  durationMs?: number;
  /** Why a `target-failed`, `dead-lettered`, `dropped` or `failed` hop failed, when known. */
  reason?: string;
  /** `target-failed`: whether EventBridge tries this target again. */
  willRetry?: boolean;
  /** `published`: the replay that re-injected the event. */
  replayName?: string;
  /** `dead-lettered`: the dead-letter queue's ARN. */
  deadLetterArn?: string;
}

export interface HopQuery {
  correlationId?: string;
  eventId?: string;
  messageId?: string;
  kind?: HopKind;
  /** Only hops with `seq` greater than this. */
  since?: number;
  /** At most this many (the latest ones); 1,000 by default. */
  limit?: number;
}

/**
 * Keeps the latest hops in memory (a bounded ring) and tells listeners of each new one.
 * `GET /_mesh/hops?correlationId=&eventId=&messageId=&kind=&since=&limit=` on the edge answers
 * `{ "hops": Hop[] }` (in `seq` order); `GET /_mesh/stream?since=<seq>` is a server-sent event stream of
 * `event: hop` / `data: <Hop JSON>` messages.
 */
export interface HopRecorder {
  record(hop: Omit<Hop, 'seq'>): Hop;
  query(query?: HopQuery): Hop[];
  /** Calls `listener` with every hop recorded from now on; returns the unsubscribe function. */
  subscribe(listener: (hop: Hop) => void): () => void;
}
