import { randomUUID } from 'node:crypto';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import type {
  CommandContract,
  CommandEnvelope,
  DataOf,
  EventBridgeEvent,
  EventContract,
  EventEnvelope,
} from '@mesh/contracts';

type Overrides<T> = { [K in keyof T]?: T[K] extends object ? Partial<T[K]> : T[K] };

/**
 * An EventBridge event of `contract`, as a subscriber receives it, built from the contract's example.
 * Override the data (shallowly merged) and any envelope field.
 *
 * @example
 * const placed = makeEvent(BookLent, { data: { loanId: 'loan-9' }, correlationId: 'cor-1' });
 */
export function makeEvent<C extends EventContract>(
  contract: C,
  overrides: { data?: Partial<DataOf<C>> } & Partial<Omit<EventEnvelope, 'data'>> & { replayName?: string } = {},
): EventBridgeEvent<DataOf<C>> {
  const { data, replayName, ...envelope } = overrides;
  const eventId = envelope.eventId ?? randomUUID();
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': contract.detailType,
    source: contract.source,
    account: '000000000000',
    time: new Date().toISOString(),
    region: 'us-east-1',
    resources: [],
    detail: {
      eventId,
      version: contract.version,
      occurredAt: new Date().toISOString(),
      correlationId: 'cor-test',
      causationId: 'cause-test',
      ...envelope,
      data: { ...(contract.example as object), ...(data as object) } as DataOf<C>,
    },
    ...(replayName ? { 'replay-name': replayName } : {}),
  };
}

/** A command message body of `contract`, built from its example. */
export function makeCommand<C extends CommandContract>(
  contract: C,
  overrides: { data?: Partial<DataOf<C>> } & Partial<Omit<CommandEnvelope, 'data' | 'name' | 'version'>> = {},
): CommandEnvelope<DataOf<C>> {
  const { data, ...envelope } = overrides;
  return {
    commandId: randomUUID(),
    name: contract.name,
    version: contract.version,
    issuedAt: new Date().toISOString(),
    correlationId: 'cor-test',
    causationId: 'cause-test',
    ...envelope,
    data: { ...(contract.example as object), ...(data as object) } as DataOf<C>,
  };
}

/**
 * An SQS record carrying `body` (an object is JSON-encoded; a string is sent as is, so malformed bodies
 * can be tested), in Lambda's event shape. `queue` ending in `.fifo` makes a FIFO record.
 */
export function sqsRecord(
  body: unknown,
  options: Overrides<Pick<SQSRecord, 'messageId'>> & { queue?: string; receiveCount?: number; groupId?: string } = {},
): SQSRecord {
  const queue = options.queue ?? 'test-queue';
  const fifo = queue.endsWith('.fifo');
  return {
    messageId: options.messageId ?? randomUUID(),
    receiptHandle: randomUUID(),
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: String(options.receiveCount ?? 1),
      SentTimestamp: String(Date.now()),
      SenderId: 'AIDTEST',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
      ...(fifo
        ? { MessageGroupId: options.groupId ?? 'group-1', MessageDeduplicationId: randomUUID(), SequenceNumber: '1' }
        : {}),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:us-east-1:000000000000:${queue}`,
    awsRegion: 'us-east-1',
  };
}

/** An SQS batch event from records. */
export function sqsEvent(records: SQSRecord[]): SQSEvent {
  return { Records: records };
}

/** A Lambda context for handler tests, with `remainingMs` left before the (pretend) timeout. */
export function lambdaContext(functionName = 'test-function', remainingMs = 30_000): Context {
  const deadline = Date.now() + remainingMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'test',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}
