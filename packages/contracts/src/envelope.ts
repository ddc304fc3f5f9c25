import * as z from 'zod';
import { Id } from './shared';
import type { CommandContract, EventContract } from './types';

const Envelope = {
  version: z.number().int().min(1),
  correlationId: Id,
  causationId: Id,
};

/** The envelope every event carries in `detail`, whatever its data. */
export const EventEnvelopeSchema = z.object({
  eventId: Id,
  occurredAt: z.iso.datetime({ offset: true }),
  ...Envelope,
  data: z.unknown(),
});

/** The body of every command message, whatever its data. */
export const CommandEnvelopeSchema = z.object({
  commandId: Id,
  name: z.string().min(1),
  issuedAt: z.iso.datetime({ offset: true }),
  ...Envelope,
  data: z.unknown(),
});

const eventEnvelopes = new WeakMap<EventContract, z.ZodType>();
const commandEnvelopes = new WeakMap<CommandContract, z.ZodType>();

/** The full `detail` schema of one event contract: the envelope with its version and data pinned. */
export function eventEnvelopeSchema(contract: EventContract): z.ZodType {
  let schema = eventEnvelopes.get(contract);
  if (!schema) {
    schema = EventEnvelopeSchema.extend({ version: z.literal(contract.version), data: contract.schema });
    eventEnvelopes.set(contract, schema);
  }
  return schema;
}

/** The full message-body schema of one command contract. */
export function commandEnvelopeSchema(contract: CommandContract): z.ZodType {
  let schema = commandEnvelopes.get(contract);
  if (!schema) {
    schema = CommandEnvelopeSchema.extend({
      name: z.literal(contract.name),
      version: z.literal(contract.version),
      data: contract.schema,
    });
    commandEnvelopes.set(contract, schema);
  }
  return schema;
}
