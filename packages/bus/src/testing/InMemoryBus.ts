import { randomUUID } from 'node:crypto';
import type { CommandBus, EventBus, OutgoingCommand, OutgoingEvent, PublishResult, SendResult } from '../types';
import {
  parseData,
  type CommandContract,
  type CommandEnvelope,
  type DataOf,
  type EventContract,
  type EventEnvelope,
} from '@mesh/contracts';

export interface PublishedEvent<Data = unknown> {
  contract: EventContract;
  envelope: EventEnvelope<Data>;
}

export interface SentCommand<Data = unknown> {
  queueUrl: string;
  contract: CommandContract;
  envelope: CommandEnvelope<Data>;
  messageGroupId: string;
}

/**
 * The bus for unit tests: validates each event and command against its contract exactly as the real
 * publisher does, then records it instead of sending it.
 *
 * @example
 * const bus = new InMemoryBus();
 * await placeOrder(input, { events: bus });
 * expectPublished(bus, BookLent, { loanId: 'loan-1' });
 */
export class InMemoryBus implements EventBus, CommandBus {
  readonly published: PublishedEvent[] = [];
  readonly sent: SentCommand[] = [];

  async publish(events: readonly OutgoingEvent[]): Promise<PublishResult[]> {
    // Validate all first, as the real publisher does: a bad event means nothing is published.
    const checked = events.map((e) => ({ event: e, data: parseData(e.contract, e.data) }));
    return checked.map(({ event, data }) => {
      const envelope: EventEnvelope = {
        eventId: event.eventId ?? randomUUID(),
        version: event.contract.version,
        occurredAt: (event.occurredAt ?? new Date()).toISOString(),
        correlationId: event.trace.correlationId,
        causationId: event.trace.causationId,
        data,
      };
      this.published.push({ contract: event.contract, envelope });
      return {
        status: 'published',
        eventId: envelope.eventId,
        detailType: event.contract.detailType,
        awsEventId: randomUUID(),
        attempts: 1,
      };
    });
  }

  async send(queueUrl: string, commands: readonly OutgoingCommand[]): Promise<SendResult[]> {
    const checked = commands.map((c) => ({ command: c, data: parseData(c.contract, c.data) }));
    return checked.map(({ command, data }) => {
      const envelope: CommandEnvelope = {
        commandId: command.commandId ?? randomUUID(),
        name: command.contract.name,
        version: command.contract.version,
        issuedAt: (command.issuedAt ?? new Date()).toISOString(),
        correlationId: command.trace.correlationId,
        causationId: command.trace.causationId,
        data,
      };
      this.sent.push({
        queueUrl,
        contract: command.contract,
        envelope,
        messageGroupId: command.contract.aggregateId(data),
      });
      return {
        status: 'sent',
        commandId: envelope.commandId,
        name: envelope.name,
        messageId: randomUUID(),
        attempts: 1,
      };
    });
  }

  /** The envelopes published for one contract, in order. */
  eventsOf<C extends EventContract>(contract: C): EventEnvelope<DataOf<C>>[] {
    return this.published.filter((p) => p.contract === contract).map((p) => p.envelope as EventEnvelope<DataOf<C>>);
  }

  /** The commands sent for one contract, in order. */
  commandsOf<C extends CommandContract>(contract: C): SentCommand<DataOf<C>>[] {
    return this.sent.filter((s) => s.contract === contract) as SentCommand<DataOf<C>>[];
  }

  clear(): void {
    this.published.length = 0;
    this.sent.length = 0;
  }
}
