import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { DescribeEventBusCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { createLogger, event, EventPublisher } from '@mesh/bus';
import { events, findEvent, parseData } from '@mesh/contracts';
import { UsageError } from '@mesh/cli';
import type { OpsCommand } from './context';

export interface PublishRequest {
  stage: string;
  /** The event's name (its detail-type), e.g. `BookLent`. */
  name: string;
  /** Its data, validated against the contract. */
  data: unknown;
  correlationId?: string;
}

export interface Published {
  eventId: string;
  detailType: string;
  eventBusName: string;
  correlationId: string;
}

/** The bus a stage's services publish to (services/bus: `mesh-${sls:stage}`). */
export const eventBusName = (stage: string): string => `mesh-${stage}`;

/**
 * Reads `--data`: `@path/to/file.json` reads the file, anything else is JSON text. Bad JSON or a missing file
 * throws {@link UsageError}.
 */
export async function readEventData(raw: string): Promise<unknown> {
  let text = raw;
  if (raw.startsWith('@')) {
    try {
      text = await readFile(raw.slice(1), 'utf8');
    } catch (error) {
      throw new UsageError(`--data ${raw}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? error})`);
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`--data is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Validates `data` against the named event's contract and publishes it to the stage's bus with
 * {@link EventPublisher}, as a service would (the mesh envelope, a fresh eventId). An unknown name throws
 * {@link UsageError}; bad data throws `ContractViolationError` before anything is sent.
 *
 * @example
 * const { eventId } = await publishEvent(eventBridge, { stage: 'dev', name: 'BookLent', data });
 */
export async function publishEvent(eventBridge: EventBridgeClient, request: PublishRequest): Promise<Published> {
  const contract = findEvent(request.name);
  if (!contract) {
    const known = [...new Set(events.map((e) => e.name))].sort().join(', ');
    throw new UsageError(`no event contract named "${request.name}"; the events are: ${known}`);
  }
  const data = parseData(contract, request.data);
  const busName = eventBusName(request.stage);
  // Fails fast, with the SDK's own error, when the bus is missing or the endpoint does not answer; the
  // publisher would otherwise retry a connection failure as a failed entry.
  await eventBridge.send(new DescribeEventBusCommand({ Name: busName }));
  const correlationId = request.correlationId ?? `mesh-cli-${randomUUID()}`;
  const logger = createLogger('mesh-cli');
  logger.setLogLevel('SILENT');
  const publisher = new EventPublisher({
    eventBusName: busName,
    client: eventBridge,
    logger,
    backoff: { maxAttempts: 3 },
  });
  const [result] = await publisher.publish([event(contract, data, { correlationId, causationId: correlationId })]);
  return { eventId: result!.eventId, detailType: contract.detailType, eventBusName: busName, correlationId };
}

export const publishCommand: OpsCommand = {
  name: 'publish',
  summary: "validate an event against its contract and publish it to the stage's bus",
  usage: "publish <EventName> --data @file.json | --data '<json>' [--correlation-id <id>]",
  description: `Validates the data against the event's contract (each bad field and why, exit 1) and publishes it to
the bus mesh-<stage> with the mesh's EventPublisher, as a service would: the envelope, a fresh eventId, the
correlation id given (or a new one). Prints the eventId.`,
  args: ['EventName'],
  flags: [
    { name: 'data', kind: 'string', value: '@file|<json>', description: "the event's data: a JSON file or JSON text" },
    { name: 'correlation-id', kind: 'string', value: '<id>', description: 'the correlation id; a new one by default' },
  ],
  remote: true,
  async run(ctx, [name], flags) {
    if (flags.data === undefined) throw new UsageError("publish needs --data @file.json or --data '<json>'");
    const data = await readEventData(String(flags.data));
    const published = await publishEvent(ctx.eventBridge, {
      stage: ctx.stage,
      name: name!,
      data,
      ...(flags['correlation-id'] ? { correlationId: String(flags['correlation-id']) } : {}),
    });
    ctx.io.out.write(
      ctx.json
        ? `${JSON.stringify(published, null, 2)}\n`
        : `published ${published.detailType} ${published.eventId} to ${published.eventBusName} (correlationId ${published.correlationId})\n`,
    );
    return 0;
  },
};
