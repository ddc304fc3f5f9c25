import type { CommandContract, DataOf, EventContract } from '@mesh/contracts';

/** The causal ids every message carries: the saga's correlation id and the id of what caused it. */
export interface Trace {
  correlationId: string;
  causationId: string;
  /**
   * The X-Ray trace header to pass on (PutEvents `TraceHeader`, SQS `AWSTraceHeader`): the one the cause
   * arrived with. When absent, the running Lambda invocation's is used (`currentTraceHeader()`).
   */
  traceHeader?: string;
}

/** An event to publish: a contract, its data, and where it came from. */
export interface OutgoingEvent<C extends EventContract = EventContract> {
  contract: C;
  data: DataOf<C>;
  trace: Trace;
  /** Set it to make a retried publish of the same fact keep its identity (e.g. from an outbox row). */
  eventId?: string;
  occurredAt?: Date;
}

/** A command to send to its owning service's FIFO queue. */
export interface OutgoingCommand<C extends CommandContract = CommandContract> {
  contract: C;
  data: DataOf<C>;
  trace: Trace;
  /** Also the FIFO deduplication id: set it to make a re-send a no-op within SQS's 5-minute window. */
  commandId?: string;
  issuedAt?: Date;
}

export type PublishResult =
  | { status: 'published'; eventId: string; detailType: string; awsEventId: string; attempts: number }
  | {
      status: 'failed';
      eventId: string;
      detailType: string;
      errorCode: string;
      errorMessage: string;
      attempts: number;
    };

export type SendResult =
  | { status: 'sent'; commandId: string; name: string; messageId: string; attempts: number }
  | { status: 'failed'; commandId: string; name: string; errorCode: string; errorMessage: string; attempts: number };

/** Where services publish events: EventBridge in production, an in-memory bus in unit tests. */
export interface EventBus {
  publish(events: readonly OutgoingEvent[]): Promise<PublishResult[]>;
}

/** Where services send commands: SQS FIFO queues in production, an in-memory recorder in unit tests. */
export interface CommandBus {
  send(queueUrl: string, commands: readonly OutgoingCommand[]): Promise<SendResult[]>;
}
