import * as z from 'zod/mini';
import { commandEnvelopeSchema, eventEnvelopeSchema } from '../envelope';
import type { Contract } from '../types';

/**
 * A whole example message of a contract (the event `detail` or the command body: envelope and the contract's
 * example data), for documents and catalogs. Checked against the contract: a wrong one would document a
 * message no consumer accepts.
 *
 * @example
 * exampleMessage(OrderPlaced); // { eventId: 'evt-01J9Z6', version: 1, …, data: OrderPlaced.example }
 */
export function exampleMessage(contract: Contract): Record<string, unknown> {
  const message = {
    ...(contract.kind === 'event'
      ? { eventId: 'evt-01J9Z6', occurredAt: '2026-01-01T12:00:00.000Z' }
      : { commandId: 'cmd-01J9Z6', name: contract.name, issuedAt: '2026-01-01T12:00:00.000Z' }),
    version: contract.version,
    correlationId: 'cor-01J9Z6',
    causationId: 'req-01J9Z6',
    data: contract.example,
  };
  z.parse(contract.kind === 'event' ? eventEnvelopeSchema(contract) : commandEnvelopeSchema(contract), message);
  return message;
}
