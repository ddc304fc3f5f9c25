import * as z from 'zod/mini';
import { commandEnvelopeSchema, eventEnvelopeSchema } from './envelope';
import { ContractViolationError } from './errors';
import type { CommandContract, CommandEnvelope, DataOf, EventContract, EventEnvelope } from './types';

/**
 * Validates data against a contract and returns it typed (with zod's defaults applied).
 *
 * @example
 * const data = parseData(OrderPlaced, JSON.parse(body)); // throws ContractViolationError with each bad field
 */
export function parseData<C extends EventContract | CommandContract>(contract: C, data: unknown): DataOf<C> {
  const result = z.safeParse(contract.schema, data);
  if (!result.success) throw new ContractViolationError(contract.name, result.error);
  return result.data as DataOf<C>;
}

/** Validates an event's `detail` (envelope and data) against its contract. */
export function parseEventDetail<C extends EventContract>(contract: C, detail: unknown): EventEnvelope<DataOf<C>> {
  const result = z.safeParse(eventEnvelopeSchema(contract), detail);
  if (!result.success) throw new ContractViolationError(contract.name, result.error);
  return result.data as EventEnvelope<DataOf<C>>;
}

/** Validates a command message body against its contract. */
export function parseCommand<C extends CommandContract>(contract: C, body: unknown): CommandEnvelope<DataOf<C>> {
  const result = z.safeParse(commandEnvelopeSchema(contract), body);
  if (!result.success) throw new ContractViolationError(contract.name, result.error);
  return result.data as CommandEnvelope<DataOf<C>>;
}
