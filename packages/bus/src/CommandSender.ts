import { randomUUID } from 'node:crypto';
import { SendMessageBatchCommand, SQSClient, type SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import { parseData, type CommandEnvelope } from '@mesh/contracts';
import { backoffDelay, DEFAULT_BACKOFF, sleep, type BackoffOptions } from './backoff';
import { CommandSendError } from './errors';
import { packBatches, type BatchLimits } from './packBatches';
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

interface Pending {
  index: number;
  entry: SendMessageBatchRequestEntry;
  size: number;
  commandId: string;
  name: string;
  attempts: number;
  lastError?: { code: string; message: string; senderFault: boolean };
}

/**
 * Sends commands to their owning service's SQS FIFO queue: MessageGroupId = the aggregate id (one
 * aggregate's commands are handled in order, never concurrently), MessageDeduplicationId = the command id
 * (a re-send within five minutes is a no-op). Validates each command first; batches by 10 and 1 MiB;
 * retries failed entries that were not the sender's fault; throws {@link CommandSendError} for the rest.
 *
 * @example
 * const commands = new CommandSender();
 * await commands.send(process.env.INVENTORY_QUEUE_URL!, [command(ReserveStock, { orderId, items }, trace)]);
 */
export class CommandSender implements CommandBus {
  private readonly client: SQSClient;
  private readonly backoff: BackoffOptions;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(options: CommandSenderOptions = {}) {
    this.client = options.client ?? new SQSClient({});
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.sleep = options.sleep ?? sleep;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
  }

  async send(queueUrl: string, commands: readonly OutgoingCommand[]): Promise<SendResult[]> {
    const pending = commands.map((command, index) => this.toPending(command, index));
    const results: SendResult[] = new Array(pending.length);
    let remaining = pending;
    for (let attempt = 1; remaining.length > 0; attempt++) {
      if (attempt > 1) await this.sleep(backoffDelay(attempt - 1, this.backoff, this.random));
      const retry: Pending[] = [];
      for (const batch of packBatches(remaining, (p) => p.size, SEND_BATCH_LIMITS))
        await this.sendBatch(queueUrl, batch, results, retry);
      const exhausted = attempt >= this.backoff.maxAttempts;
      for (const item of retry) {
        if (!exhausted && !item.lastError?.senderFault) continue;
        results[item.index] = {
          status: 'failed',
          commandId: item.commandId,
          name: item.name,
          errorCode: item.lastError?.code ?? 'Unknown',
          errorMessage: item.lastError?.message ?? 'no reason given',
          attempts: item.attempts,
        };
      }
      remaining = exhausted ? [] : retry.filter((item) => results[item.index] === undefined);
    }
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
    const entry: SendMessageBatchRequestEntry = {
      Id: `m${index}`,
      MessageBody: JSON.stringify(body),
      MessageGroupId: contract.aggregateId(data),
      MessageDeduplicationId: body.commandId,
    };
    const size = Buffer.byteLength(entry.MessageBody ?? '', 'utf8');
    return { index, entry, size, commandId: body.commandId, name: contract.name, attempts: 0 };
  }

  private async sendBatch(queueUrl: string, batch: Pending[], results: SendResult[], retry: Pending[]) {
    for (const item of batch) item.attempts++;
    let answer;
    try {
      answer = await this.client.send(
        new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: batch.map((p) => p.entry) }),
      );
    } catch (error) {
      const { name, message } = error as Error;
      // A missing queue or a refused request will not heal by retrying; a throttle or a network error may.
      const senderFault = /NonExistentQueue|QueueDoesNotExist|InvalidParameter|AccessDenied|Validation/i.test(name);
      for (const item of batch) {
        item.lastError = { code: name, message, senderFault };
        retry.push(item);
      }
      return;
    }
    const byId = new Map(batch.map((p) => [p.entry.Id, p]));
    for (const ok of answer.Successful ?? []) {
      const item = byId.get(ok.Id);
      if (!item) continue;
      byId.delete(ok.Id);
      results[item.index] = {
        status: 'sent',
        commandId: item.commandId,
        name: item.name,
        messageId: ok.MessageId ?? '',
        attempts: item.attempts,
      };
    }
    for (const failed of answer.Failed ?? []) {
      const item = byId.get(failed.Id);
      if (!item) continue;
      byId.delete(failed.Id);
      item.lastError = {
        code: failed.Code ?? 'Unknown',
        message: failed.Message ?? '',
        senderFault: !!failed.SenderFault,
      };
      retry.push(item);
    }
    // An entry SQS answered neither way about must not vanish: retry it.
    for (const item of byId.values()) {
      item.lastError = { code: 'MissingEntry', message: 'SendMessageBatch returned no result', senderFault: false };
      retry.push(item);
    }
  }
}

/**
 * Builds an {@link OutgoingCommand} with its data checked against the contract at compile time.
 *
 * @example
 * command(ReserveStock, { orderId, items }, { correlationId, causationId: orderPlacedEventId })
 */
export function command<C extends OutgoingCommand['contract']>(
  contract: C,
  data: OutgoingCommand<C>['data'],
  trace: OutgoingCommand['trace'],
  extra: Pick<OutgoingCommand, 'commandId' | 'issuedAt'> = {},
): OutgoingCommand<C> {
  return { contract, data, trace, ...extra };
}
