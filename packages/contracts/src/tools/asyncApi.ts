import { toJsonSchema } from '../jsonSchema';
import type { Contract } from '../types';
import type { ContractUsage } from './contractUsage';
import { exampleMessage } from './exampleMessage';

/** An AsyncAPI document as plain JSON. */
export type AsyncApiDocument = Record<string, unknown>;

export interface AsyncApiInput {
  title: string;
  version: string;
  description?: string;
  contracts: readonly Contract[];
  /** Who publishes, sends, observes and handles each contract version, with queue names (`{stage}` in them). */
  usages: readonly ContractUsage[];
  /** The event bus's name, e.g. `mesh-{stage}`. */
  busAddress: string;
}

const ref = (to: string) => ({ $ref: to });
const messageKey = (c: { name: string; version: number }) => `${c.name}V${c.version}`;
const channelKey = (service: string, channel: string) => `${service}-${channel}`;
const opKey = (...parts: string[]) => parts.join('-').replace(/[^A-Za-z0-9_-]/g, '-');

/**
 * The mesh as an AsyncAPI 3.0 document: the bus (every event), a channel per subscription queue and per
 * command queue, each contract version as a message with its JSON Schema payload and an example, and each
 * service's send and receive operations.
 *
 * @example
 * const doc = toAsyncApi({ title: 'mesh', version: '1', contracts, usages, busAddress: 'mesh-{stage}' });
 */
export function toAsyncApi(input: AsyncApiInput): AsyncApiDocument {
  const stage = { stage: { description: 'The deployment stage', default: 'dev' } };
  const channels: Record<string, Record<string, unknown>> = {};
  const operations: Record<string, Record<string, unknown>> = {};
  const messages: Record<string, unknown> = {};
  const contractOf = (name: string, version: number) =>
    input.contracts.find((c) => c.name === name && c.version === version);

  for (const contract of input.contracts) messages[messageKey(contract)] = messageOf(contract);
  const events = input.contracts.filter((c) => c.kind === 'event');
  channels.bus = {
    address: input.busAddress,
    title: 'The event bus',
    description: 'Every event of the mesh, published by its owning service (source `mesh.<service>`).',
    parameters: stage,
    messages: Object.fromEntries(events.map((c) => [messageKey(c), ref(`#/components/messages/${messageKey(c)}`)])),
  };

  // Queues: one channel per subscription and command channel, with the messages it carries.
  const queued = input.usages.filter((u) => (u.role === 'subscriber' || u.role === 'handler') && u.channel && u.queue);
  for (const u of queued) {
    const key = channelKey(u.service, u.channel!);
    const contract = contractOf(u.contract, u.version);
    if (!contract) continue;
    channels[key] ??= {
      address: u.queue,
      title: `${u.service}/${u.channel}`,
      description: `${u.role === 'subscriber' ? 'The SQS queue of subscription' : 'The SQS FIFO command queue'} ${u.channel} of ${u.service}; dead letters go to ${u.dlq}.`,
      parameters: stage,
      messages: {},
    };
    (channels[key].messages as Record<string, unknown>)[messageKey(contract)] = ref(
      `#/components/messages/${messageKey(contract)}`,
    );
    const op = opKey(u.service, 'receives', u.channel!);
    operations[op] ??= {
      action: 'receive',
      channel: ref(`#/channels/${key}`),
      summary: `${u.service} ${u.role === 'subscriber' ? 'observes' : 'handles'} what ${u.channel} carries`,
      messages: [],
    };
    (operations[op].messages as unknown[]).push(ref(`#/channels/${key}/messages/${messageKey(contract)}`));
  }

  // Producers: each service publishes its events to the bus and sends commands to their owners' queues.
  for (const u of input.usages.filter((x) => x.role === 'publisher' || x.role === 'sender')) {
    const contract = contractOf(u.contract, u.version);
    if (!contract) continue;
    const handler = queued.find((h) => h.role === 'handler' && h.contract === u.contract && h.version === u.version);
    const key = u.role === 'publisher' ? 'bus' : handler ? channelKey(handler.service, handler.channel!) : undefined;
    if (!key) continue;
    const op = u.role === 'publisher' ? opKey(u.service, 'publishes') : opKey(u.service, 'sends-to', key);
    operations[op] ??= {
      action: 'send',
      channel: ref(`#/channels/${key}`),
      summary: u.role === 'publisher' ? `${u.service} publishes its events` : `${u.service} sends commands to ${key}`,
      messages: [],
    };
    (operations[op].messages as unknown[]).push(ref(`#/channels/${key}/messages/${messageKey(contract)}`));
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: input.title,
      version: input.version,
      ...(input.description ? { description: input.description } : {}),
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages },
  };
}

function messageOf(contract: Contract): Record<string, unknown> {
  // The payload is the whole message body (envelope + data), as every consumer parses it.
  const { $id: _id, $schema: _schema, title: _title, description: _description, ...payload } = toJsonSchema(contract);
  return {
    name: contract.name,
    title: `${contract.name} v${contract.version}`,
    summary: contract.description,
    contentType: 'application/json',
    payload,
    examples: [{ name: 'example', payload: exampleMessage(contract) }],
    'x-kind': contract.kind,
    'x-owner': contract.service,
    'x-version': contract.version,
  };
}
