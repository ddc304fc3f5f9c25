import { randomUUID } from 'node:crypto';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import type { SQSClient } from '@aws-sdk/client-sqs';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
} from '@aws-sdk/client-sqs';

/** An answer of the mesh's REST base URL: status, JSON body and headers. */
export interface ApiAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

/** Calls `<httpUrl><path>` with a bearer token and a JSON body, and parses the JSON answer. */
export async function callApi<T = Record<string, unknown>>(
  httpUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string } = {},
): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const response = await fetch(`${httpUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? {} : JSON.parse(text);
  } catch {
    parsed = { text };
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

/** One event as the bus delivered it to the tap: EventBridge's own id, then source, detail-type and detail. */
export interface TappedEvent {
  id: string;
  source: string;
  detailType: string;
  detail: { eventId: string; data: Record<string, unknown> } & Record<string, unknown>;
}

/**
 * A listener on the bus, as any new subscriber would be: a rule on every `mesh.*` source targeting a queue of
 * its own, drained in the background. It shows what the services published (state out), and hands back an
 * event exactly as delivered so a test can publish it again.
 */
export class EventTap {
  readonly events: TappedEvent[] = [];
  private running = true;
  private loop: Promise<void> | undefined;

  private constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  static async start(options: {
    events: EventBridgeClient;
    sqs: SQSClient;
    busName: string;
    sources: string[];
    region: string;
    accountId: string;
  }): Promise<EventTap> {
    const name = `saga-tap-${randomUUID().slice(0, 8)}`;
    const { QueueUrl } = await options.sqs.send(new CreateQueueCommand({ QueueName: name }));
    await options.events.send(
      new PutRuleCommand({
        Name: name,
        EventBusName: options.busName,
        EventPattern: JSON.stringify({ source: options.sources }),
      }),
    );
    await options.events.send(
      new PutTargetsCommand({
        Rule: name,
        EventBusName: options.busName,
        Targets: [{ Id: 'tap', Arn: `arn:aws:sqs:${options.region}:${options.accountId}:${name}` }],
      }),
    );
    const tap = new EventTap(options.sqs, QueueUrl!);
    tap.loop = tap.drain();
    return tap;
  }

  /** Every tapped event of `detailType` about `orderId`. */
  of(detailType: string, orderId: string): TappedEvent[] {
    return this.events.filter((e) => e.detailType === detailType && e.detail.data.orderId === orderId);
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async drain(): Promise<void> {
    while (this.running) {
      try {
        const { Messages = [] } = await this.sqs.send(
          new ReceiveMessageCommand({ QueueUrl: this.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
        );
        for (const message of Messages) {
          const body = JSON.parse(message.Body ?? '{}') as Record<string, unknown>;
          this.events.push({
            id: String(body.id),
            source: String(body.source),
            detailType: String(body['detail-type']),
            detail: body.detail as TappedEvent['detail'],
          });
        }
        if (Messages.length > 0) {
          await this.sqs.send(
            new DeleteMessageBatchCommand({
              QueueUrl: this.queueUrl,
              Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
            }),
          );
        }
      } catch (error) {
        if (this.running) throw error;
      }
    }
  }
}

/** Visible + in-flight (+ delayed) messages of each named queue: all zero once every consumer has finished. */
export async function queueBacklog(sqs: SQSClient, queueNames: readonly string[]): Promise<Record<string, number>> {
  const entries = await Promise.all(
    queueNames.map(async (name) => {
      const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl,
          AttributeNames: [
            'ApproximateNumberOfMessages',
            'ApproximateNumberOfMessagesNotVisible',
            'ApproximateNumberOfMessagesDelayed',
          ],
        }),
      );
      const count = Object.values(Attributes).reduce((sum, value) => sum + Number(value ?? 0), 0);
      return [name, count] as const;
    }),
  );
  return Object.fromEntries(entries);
}
