import {
  DeleteRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  type EventBridgeClient,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteQueueCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';

/** One event as the bus delivered it to the tap: EventBridge's own id, then source, detail-type and detail. */
export interface TappedEvent {
  id: string;
  source: string;
  detailType: string;
  detail: { eventId: string; data: Record<string, unknown> } & Record<string, unknown>;
}

export interface BusTapOptions {
  events: EventBridgeClient;
  sqs: SQSClient;
  busName: string;
  /** The tap's queue, and the prefix of its rules. */
  name: string;
  /** One rule per pattern, all targeting the tap's queue. */
  patterns: readonly Record<string, unknown>[];
  region: string;
  accountId: string;
  /** Loops receiving from the queue at once; 1 by default. */
  drainers?: number;
  /** Told of each event as it arrives. */
  onEvent?: (event: TappedEvent) => void;
  /** Keep every event in `events`; true by default (a long soak reduces them in `onEvent` instead). */
  keep?: boolean;
}

/** Receives in a row that may fail (the edge is shared with a loaded mesh) before a drain loop gives up. */
const TOLERATED_FAILURES = 10;

/**
 * A listener on the bus, as any new subscriber would be: rules on the given patterns targeting a queue of its
 * own, drained in the background. It shows what the services published (state out), and hands back each event
 * exactly as delivered so a test can publish it again. `stop()` removes its rules and its queue.
 *
 * @example
 * const tap = await BusTap.start({ events, sqs, busName, name: 'saga-tap', patterns: [{ source: [{ prefix: 'mesh.' }] }],
 *   region, accountId: '000000000000' });
 * await pollUntil('OrderConfirmed', 30_000, async () => tap.of('OrderConfirmed', orderId)[0]);
 * await tap.stop();
 */
export class BusTap {
  readonly events: TappedEvent[] = [];
  private running = true;
  private loops: Promise<void>[] = [];
  private failure: unknown;

  private constructor(
    private readonly options: BusTapOptions,
    private readonly queueUrl: string,
  ) {}

  static async start(options: BusTapOptions): Promise<BusTap> {
    const { events, sqs, busName, name } = options;
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
    for (const [i, pattern] of options.patterns.entries()) {
      const rule = `${name}-${i}`;
      await events.send(
        new PutRuleCommand({ Name: rule, EventBusName: busName, EventPattern: JSON.stringify(pattern) }),
      );
      await events.send(
        new PutTargetsCommand({
          Rule: rule,
          EventBusName: busName,
          Targets: [{ Id: 'tap', Arn: `arn:aws:sqs:${options.region}:${options.accountId}:${name}` }],
        }),
      );
    }
    const tap = new BusTap(options, QueueUrl!);
    tap.loops = Array.from({ length: options.drainers ?? 1 }, () => tap.drain());
    return tap;
  }

  /** Every kept event of `detailType` whose data's `key` (`orderId` by default) is `id`. */
  of(detailType: string, id: string, key = 'orderId'): TappedEvent[] {
    return this.events.filter((e) => e.detailType === detailType && e.detail.data[key] === id);
  }

  /** Throws what stopped a drain loop, if one stopped. */
  check(): void {
    if (this.failure) throw this.failure;
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
    const { events, sqs, busName, name, patterns } = this.options;
    for (const i of patterns.keys()) {
      const rule = `${name}-${i}`;
      await events.send(new RemoveTargetsCommand({ Rule: rule, EventBusName: busName, Ids: ['tap'] })).catch(() => {});
      await events.send(new DeleteRuleCommand({ Name: rule, EventBusName: busName })).catch(() => {});
    }
    await sqs.send(new DeleteQueueCommand({ QueueUrl: this.queueUrl })).catch(() => {});
  }

  private add(body: string): void {
    const raw = JSON.parse(body) as Record<string, unknown>;
    const event: TappedEvent = {
      id: String(raw.id),
      source: String(raw.source),
      detailType: String(raw['detail-type']),
      detail: raw.detail as TappedEvent['detail'],
    };
    if (this.options.keep !== false) this.events.push(event);
    this.options.onEvent?.(event);
  }

  private async drain(): Promise<void> {
    const { sqs } = this.options;
    let failures = 0;
    while (this.running) {
      try {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: this.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
        );
        for (const message of Messages) this.add(message.Body ?? '{}');
        if (Messages.length > 0) {
          await sqs.send(
            new DeleteMessageBatchCommand({
              QueueUrl: this.queueUrl,
              Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
            }),
          );
        }
        failures = 0;
      } catch (error) {
        failures += 1;
        if (failures >= TOLERATED_FAILURES && this.running) {
          this.failure = error;
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }
}
