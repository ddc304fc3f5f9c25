import * as z from 'zod/mini';
import { Id } from './shared';
import type { CommandContract, EventContract } from './types';

const Envelope = {
  version: z.number().check(z.int(), z.minimum(1)),
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
  name: z.string().check(z.minLength(1)),
  issuedAt: z.iso.datetime({ offset: true }),
  ...Envelope,
  data: z.unknown(),
});

const eventEnvelopes = new WeakMap<EventContract, z.ZodMiniType>();
const commandEnvelopes = new WeakMap<CommandContract, z.ZodMiniType>();

/** The full `detail` schema of one event contract: the envelope with its version and data pinned. */
export function eventEnvelopeSchema(contract: EventContract): z.ZodMiniType {
  let schema = eventEnvelopes.get(contract);
  if (!schema) {
    schema = z.extend(EventEnvelopeSchema, { version: z.literal(contract.version), data: contract.schema });
    eventEnvelopes.set(contract, schema);
  }
  return schema;
}

/** The full message-body schema of one command contract. */
export function commandEnvelopeSchema(contract: CommandContract): z.ZodMiniType {
  let schema = commandEnvelopes.get(contract);
  if (!schema) {
    schema = z.extend(CommandEnvelopeSchema, {
      name: z.literal(contract.name),
      version: z.literal(contract.version),
      data: contract.schema,
    });
    commandEnvelopes.set(contract, schema);
  }
  return schema;
}
