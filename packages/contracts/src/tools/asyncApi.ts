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
  const doc: Sections = { channels: {}, operations: {} };
  const messages = Object.fromEntries(input.contracts.map((c) => [messageKey(c), messageOf(c)]));
  const events = input.contracts.filter((c) => c.kind === 'event');
  doc.channels.bus = {
    address: input.busAddress,
    title: 'The event bus',
    description: 'Every event of the mesh, published by its owning service (source `mesh.<service>`).',
    parameters: STAGE,
    messages: Object.fromEntries(events.map((c) => [messageKey(c), ref(`#/components/messages/${messageKey(c)}`)])),
  };
  const known = (u: ContractUsage) => input.contracts.some((c) => c.name === u.contract && c.version === u.version);
  const queued = input.usages.filter(
    (u) => (u.role === 'subscriber' || u.role === 'handler') && u.channel && u.queue && known(u),
  );
  addQueues(doc, queued);
  addProducers(
    doc,
    input.usages.filter((u) => (u.role === 'publisher' || u.role === 'sender') && known(u)),
    queued,
  );
  return {
    asyncapi: '3.0.0',
    info: {
      title: input.title,
      version: input.version,
      ...(input.description ? { description: input.description } : {}),
    },
    defaultContentType: 'application/json',
    channels: doc.channels,
    operations: doc.operations,
    components: { messages },
  };
}

type Sections = {
  channels: Record<string, Record<string, unknown>>;
  operations: Record<string, Record<string, unknown>>;
};
const STAGE = { stage: { description: 'The deployment stage', default: 'dev' } };

// One operation per key, gathering the messages of every usage that shares it.
function addOperation(
  doc: Sections,
  key: string,
  operation: Record<string, unknown>,
  channel: string,
  message: string,
) {
  doc.operations[key] ??= { ...operation, channel: ref(`#/channels/${channel}`), messages: [] };
  (doc.operations[key].messages as unknown[]).push(ref(`#/channels/${channel}/messages/${message}`));
}

// Queues: one channel per subscription and command channel, with the messages it carries, and its receiver.
function addQueues(doc: Sections, queued: readonly ContractUsage[]): void {
  for (const u of queued) {
    const key = channelKey(u.service, u.channel!);
    const message = messageKey({ name: u.contract, version: u.version });
    doc.channels[key] ??= {
      address: u.queue,
      title: `${u.service}/${u.channel}`,
      description: `${u.role === 'subscriber' ? 'The SQS queue of subscription' : 'The SQS FIFO command queue'} ${u.channel} of ${u.service}; dead letters go to ${u.dlq}.`,
      parameters: STAGE,
      messages: {},
    };
    (doc.channels[key].messages as Record<string, unknown>)[message] = ref(`#/components/messages/${message}`);
    const verb = u.role === 'subscriber' ? 'observes' : 'handles';
    const summary = `${u.service} ${verb} what ${u.channel} carries`;
    addOperation(doc, opKey(u.service, 'receives', u.channel!), { action: 'receive', summary }, key, message);
  }
}

// Producers: each service publishes its events to the bus and sends commands to their owners' queues.
function addProducers(doc: Sections, producers: readonly ContractUsage[], queued: readonly ContractUsage[]): void {
  for (const u of producers) {
    const message = messageKey({ name: u.contract, version: u.version });
    if (u.role === 'publisher') {
      const summary = `${u.service} publishes its events`;
      addOperation(doc, opKey(u.service, 'publishes'), { action: 'send', summary }, 'bus', message);
      continue;
    }
    const handler = queued.find((h) => h.role === 'handler' && h.contract === u.contract && h.version === u.version);
    if (!handler) continue; // a command nobody takes has no queue to send to
    const key = channelKey(handler.service, handler.channel!);
    const summary = `${u.service} sends commands to ${key}`;
    addOperation(doc, opKey(u.service, 'sends-to', key), { action: 'send', summary }, key, message);
  }
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
