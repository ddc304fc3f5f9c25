import {
  ChangeMessageVisibilityBatchCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { OpsCommand } from './context';
import { deadLetterFactsOf, describeDeadLetter, type DeadLetterFacts } from './deadLetterFacts';
import { PeekRefusedError } from './errors';
import { queueAttributes, queueNameOf, redrivePolicyOf, resolveQueue } from './queueLookup';

/** The attributes EventBridge sets on a message it could not deliver and sent to a target's DLQ instead. */
export const FAILURE_ATTRIBUTES = [
  'ERROR_CODE',
  'ERROR_MESSAGE',
  'RULE_ARN',
  'TARGET_ARN',
  'EXHAUSTED_RETRY_CONDITION',
  'RETRY_ATTEMPTS',
] as const;

export interface PeekedMessage {
  messageId: string;
  receiveCount: number;
  sentAt?: string;
  groupId?: string;
  /** The body, parsed when it is JSON. */
  body: unknown;
  /** Set when the body is an EventBridge event (of the mesh's envelope) or a mesh command. */
  summary?: { kind: 'event' | 'command'; name: string; source?: string; id?: string; correlationId?: string };
  /** EventBridge's delivery-failure attributes, when present. */
  failure?: Partial<Record<(typeof FAILURE_ATTRIBUTES)[number], string>>;
  /** Why a consumer of the mesh dead-lettered it (its `mesh.*` attributes), when one did. */
  deadLetter?: DeadLetterFacts;
  messageAttributes: Record<string, string>;
}

export interface PeekOptions {
  /** At most this many messages; 10 by default. */
  max?: number;
  /** Peek a queue that has a redrive policy too (each peek counts as a receive towards maxReceiveCount). */
  force?: boolean;
  /** How long the peeked messages are hidden while collected, before they are made visible again. */
  holdSeconds?: number;
}

const parseBody = (body: string | undefined): unknown => {
  try {
    return JSON.parse(body ?? '');
  } catch {
    return body ?? '';
  }
};

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function summarise(body: unknown): PeekedMessage['summary'] {
  if (!isObject(body)) return undefined;
  if (typeof body['detail-type'] === 'string') {
    const detail = isObject(body.detail) ? body.detail : {};
    return {
      kind: 'event',
      name: body['detail-type'],
      ...(str(body.source) ? { source: str(body.source) } : {}),
      ...(str(detail.eventId) ? { id: str(detail.eventId) } : {}),
      ...(str(detail.correlationId) ? { correlationId: str(detail.correlationId) } : {}),
    };
  }
  if (typeof body.commandId === 'string' && typeof body.name === 'string') {
    return {
      kind: 'command',
      name: body.name,
      id: body.commandId,
      ...(str(body.correlationId) ? { correlationId: str(body.correlationId) } : {}),
    };
  }
  return undefined;
}

/** What `peek` shows of one received message. */
export function describeMessage(message: Message): PeekedMessage {
  const body = parseBody(message.Body);
  const attributes = message.Attributes ?? {};
  const messageAttributes = Object.fromEntries(
    Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
      name,
      value.StringValue ?? (value.BinaryValue ? `<${value.BinaryValue.length} bytes>` : ''),
    ]),
  );
  const failure = Object.fromEntries(
    FAILURE_ATTRIBUTES.filter((name) => messageAttributes[name] !== undefined).map((name) => [
      name,
      messageAttributes[name]!,
    ]),
  );
  const summary = summarise(body);
  const deadLetter = deadLetterFactsOf(messageAttributes);
  const sent = attributes.SentTimestamp;
  return {
    messageId: message.MessageId ?? '?',
    receiveCount: Number(attributes.ApproximateReceiveCount ?? 0),
    ...(sent ? { sentAt: new Date(Number(sent)).toISOString() } : {}),
    ...(attributes.MessageGroupId ? { groupId: attributes.MessageGroupId } : {}),
    body,
    ...(summary ? { summary } : {}),
    ...(Object.keys(failure).length > 0 ? { failure } : {}),
    ...(deadLetter ? { deadLetter } : {}),
    messageAttributes,
  };
}

/**
 * Shows up to `max` messages of a queue without consuming them: receives them (hidden for `holdSeconds`
 * while collecting, so each is seen once), then makes every one visible again at once. SQS has no read
 * without a receive: each peek adds 1 to a message's ApproximateReceiveCount, which is what a redrive policy
 * counts — so a queue with a redrive policy (a subscriber's source queue) is refused unless `force`; DLQs
 * have none and are safe to peek.
 *
 * @example
 * const messages = await peekMessages(sqs, dlqUrl, { max: 5 });
 */
export async function peekMessages(
  sqs: SQSClient,
  queueUrl: string,
  options: PeekOptions = {},
): Promise<PeekedMessage[]> {
  const max = options.max ?? 10;
  const policy = redrivePolicyOf(await queueAttributes(sqs, queueUrl, ['RedrivePolicy']));
  if (policy && !options.force) {
    throw new PeekRefusedError(
      `${queueNameOf(queueUrl)} has a redrive policy (maxReceiveCount ${policy.maxReceiveCount}): peeking counts as a ` +
        'receive and can push a message to its DLQ. Peek its DLQ, or pass --force to peek it anyway.',
    );
  }
  const seen = new Map<string, Message>();
  try {
    while (seen.size < max) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: Math.min(10, max - seen.size),
          VisibilityTimeout: options.holdSeconds ?? 30,
          WaitTimeSeconds: 1,
          MessageAttributeNames: ['All'],
          MessageSystemAttributeNames: ['All'],
        }),
      );
      const fresh = Messages.filter((m) => m.MessageId && !seen.has(m.MessageId));
      if (fresh.length === 0) break;
      for (const message of fresh) seen.set(message.MessageId!, message);
    }
  } finally {
    await releaseMessages(sqs, queueUrl, [...seen.values()]);
  }
  return [...seen.values()].slice(0, max).map(describeMessage);
}

async function releaseMessages(sqs: SQSClient, queueUrl: string, messages: Message[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 10) {
    await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queueUrl,
        Entries: messages
          .slice(i, i + 10)
          .map((m, j) => ({ Id: String(i + j), ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: 0 })),
      }),
    );
  }
}

/** The `peek` output: a header line per message (type, ids, failure), then its body, indented. */
export function formatPeekedMessages(queue: string, messages: readonly PeekedMessage[]): string {
  if (messages.length === 0) return `${queue}: no visible messages`;
  const blocks = messages.map((m, i) => {
    const head = [
      `#${i + 1} ${m.messageId}`,
      `received ${m.receiveCount}×`,
      ...(m.sentAt ? [`sent ${m.sentAt}`] : []),
      ...(m.groupId ? [`group ${m.groupId}`] : []),
    ].join('  ');
    const lines = [head];
    if (m.summary) {
      const s = m.summary;
      lines.push(
        `   ${s.kind} ${s.name}${s.source ? ` (${s.source})` : ''}` +
          `${s.id ? `  ${s.kind === 'event' ? 'eventId' : 'commandId'} ${s.id}` : ''}` +
          `${s.correlationId ? `  correlationId ${s.correlationId}` : ''}`,
      );
    }
    if (m.deadLetter) lines.push(`   dead letter: ${describeDeadLetter(m.deadLetter)}`);
    if (m.failure) {
      lines.push(
        `   failure: ${Object.entries(m.failure)
          .map(([k, v]) => `${k}=${v}`)
          .join('  ')}`,
      );
    }
    const body = typeof m.body === 'string' ? m.body : JSON.stringify(m.body, null, 2);
    lines.push(...body.split('\n').map((line) => `   ${line}`));
    return lines.join('\n');
  });
  return `${queue}: ${messages.length} message${messages.length === 1 ? '' : 's'} (left in place)\n\n${blocks.join('\n\n')}`;
}

export const peekCommand: OpsCommand = {
  name: 'peek',
  summary: 'show messages of a queue without consuming them',
  usage: 'peek <queue> [--max N] [--force]',
  description: `Shows up to --max messages (10 by default) of a queue, by name or URL, and leaves them in place: they
are received (hidden while collected, so each shows once), then made visible again at once. Bodies are
pretty-printed; an EventBridge event shows its detail-type, eventId and correlationId, a command its name
and commandId, and a DLQ message why it failed: the mesh's dead-letter attributes (mesh.failureKind,
mesh.reason, …; docs/dead-letters.md) or EventBridge's (ERROR_CODE, ERROR_MESSAGE, …).

SQS cannot read without receiving: each peek adds 1 to every shown message's receive count, exactly as on
AWS. On a queue with a redrive policy that count moves messages to the DLQ, so such a queue is refused
unless --force; peek its DLQ instead (DLQs have no redrive policy).`,
  args: ['queue'],
  flags: [
    { name: 'max', kind: 'count', value: '<N>', description: 'at most N messages, 10 by default' },
    { name: 'force', kind: 'boolean', description: 'peek a queue with a redrive policy too' },
  ],
  remote: true,
  async run(ctx, [queue], flags) {
    const ref = await resolveQueue(ctx.sqs, queue!, ctx.stage);
    const messages = await peekMessages(ctx.sqs, ref.url, {
      max: (flags.max as number | undefined) ?? 10,
      force: flags.force === true,
    });
    ctx.io.out.write(
      ctx.json
        ? `${JSON.stringify({ queue: ref.name, messages }, null, 2)}\n`
        : `${formatPeekedMessages(ref.name, messages)}\n`,
    );
    return 0;
  },
};
