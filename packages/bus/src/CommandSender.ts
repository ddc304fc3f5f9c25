import { randomUUID } from 'node:crypto';
import { SendMessageBatchCommand, SQSClient, type SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import { parseData, type CommandEnvelope } from '@mesh/contracts';
import { DEFAULT_BACKOFF, sleep, type BackoffOptions } from './backoff';
import { CommandSendError } from './errors';
import { sharedTracer } from './instrumentHandler';
import type { BatchLimits } from './packBatches';
import { sendInBatches, type BatchOutcome, type PendingEntry } from './sendInBatches';
import { AWS_TRACE_HEADER, currentTraceHeader } from './traceHeader';
import type { CommandBus, OutgoingCommand, SendResult } from './types';

/** SQS takes at most 10 messages, and 1 MiB in all, per SendMessageBatch. */
export const SEND_BATCH_LIMITS: BatchLimits = { maxEntries: 10, maxBytes: 1024 * 1024 };

export interface CommandSenderOptions {
  client?: SQSClient;
  backoff?: Partial<BackoffOptions>;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => Date;
  newId?: () => string;
}

interface Pending extends PendingEntry {
  entry: SendMessageBatchRequestEntry;
  commandId: string;
  name: string;
}

/**
 * Sends commands to their owning service's SQS FIFO queue: MessageGroupId = the aggregate id (one
 * aggregate's commands are handled in order, never concurrently), MessageDeduplicationId = the command id
 * (a re-send within five minutes is a no-op). Validates each command first; batches by 10 and 1 MiB;
 * retries failed entries that were not the sender's fault; throws {@link CommandSendError} for the rest.
 *
 * @example
 * const commands = new CommandSender();
 * await commands.send(process.env.CATALOG_QUEUE_URL!, [command(ReserveCopy, { loanId, bookId }, trace)]);
 */
export class CommandSender implements CommandBus {
  private readonly client: SQSClient;
  private readonly backoff: BackoffOptions;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(options: CommandSenderOptions = {}) {
    // Traced when tracing is on: a SendMessageBatch subsegment per call (a no-op offline and in tests).
    this.client = options.client ?? sharedTracer().captureAWSv3Client(new SQSClient({}));
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.sleep = options.sleep ?? sleep;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
  }

  async send(queueUrl: string, commands: readonly OutgoingCommand[]): Promise<SendResult[]> {
    const pending = commands.map((command, index) => this.toPending(command, index));
    const results = await sendInBatches<Pending, SendResult>(pending, {
      limits: SEND_BATCH_LIMITS,
      backoff: this.backoff,
      sleep: this.sleep,
      random: this.random,
      sendBatch: (batch, outcome) => this.sendBatch(queueUrl, batch, outcome),
      giveUp: (item, error) => ({
        status: 'failed',
        commandId: item.commandId,
        name: item.name,
        errorCode: error.code,
        errorMessage: error.message,
        attempts: item.attempts,
      }),
    });
    if (results.some((r) => r.status === 'failed')) throw new CommandSendError(results);
    return results;
  }

  private toPending(command: OutgoingCommand, index: number): Pending {
    const { contract, trace } = command;
    const data = parseData(contract, command.data);
    const body: CommandEnvelope = {
      commandId: command.commandId ?? this.newId(),
      name: contract.name,
      version: contract.version,
      issuedAt: (command.issuedAt ?? this.now()).toISOString(),
      correlationId: trace.correlationId,
      causationId: trace.causationId,
      data,
    };
    // The trace goes on with the command as SQS's AWSTraceHeader system attribute (it costs no attribute slot).
    const traceHeader = trace.traceHeader ?? currentTraceHeader();
    const entry: SendMessageBatchRequestEntry = {
      Id: `m${index}`,
      MessageBody: JSON.stringify(body),
      MessageGroupId: contract.aggregateId(data),
      MessageDeduplicationId: body.commandId,
      ...(traceHeader
        ? { MessageSystemAttributes: { [AWS_TRACE_HEADER]: { DataType: 'String', StringValue: traceHeader } } }
        : {}),
    };
    const size = Buffer.byteLength(entry.MessageBody ?? '', 'utf8');
    return { index, entry, size, commandId: body.commandId, name: contract.name, attempts: 0 };
  }

  private async sendBatch(queueUrl: string, batch: Pending[], outcome: BatchOutcome<Pending, SendResult>) {
    let answer;
    try {
      answer = await this.client.send(
        new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: batch.map((p) => p.entry) }),
      );
    } catch (error) {
      const { name, message } = error as Error;
      // A missing queue or a refused request will not heal by retrying; a throttle or a network error may.
      const permanent = /NonExistentQueue|QueueDoesNotExist|InvalidParameter|AccessDenied|Validation/i.test(name);
      for (const item of batch) outcome.failed(item, { code: name, message, permanent });
      return;
    }
    const byId = new Map(batch.map((p) => [p.entry.Id, p]));
    for (const ok of answer.Successful ?? []) {
      const item = byId.get(ok.Id);
      if (!item) continue;
      outcome.succeeded(item, {
        status: 'sent',
        commandId: item.commandId,
        name: item.name,
        messageId: ok.MessageId ?? '',
        attempts: item.attempts,
      });
    }
    for (const failed of answer.Failed ?? []) {
      const item = byId.get(failed.Id);
      if (!item) continue;
      outcome.failed(item, {
        code: failed.Code ?? 'Unknown',
        message: failed.Message ?? '',
        permanent: !!failed.SenderFault,
      });
    }
  }
}

/**
 * Builds an {@link OutgoingCommand} with its data checked against the contract at compile time.
 *
 * @example
 * command(ReserveCopy, { loanId, bookId }, { correlationId, causationId: bookLentEventId })
 */
export function command<C extends OutgoingCommand['contract']>(
  contract: C,
  data: OutgoingCommand<C>['data'],
  trace: OutgoingCommand['trace'],
  extra: Pick<OutgoingCommand, 'commandId' | 'issuedAt'> = {},
): OutgoingCommand<C> {
  return { contract, data, trace, ...extra };
}
