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

/** One event the soak saw on the bus, reduced to what its checks read. */
export interface TappedEvent {
  detailType: string;
  eventId: string;
  orderId: string;
  /** `paymentId` of PaymentCaptured / OrderConfirmed / PaymentRefunded, `refundId` of PaymentRefunded. */
  paymentId?: string;
  refundId?: string;
  reason?: string;
}

/** What the tap listens to: the orders' ends, and every payment outcome. */
const PATTERNS = {
  ends: { source: ['mesh.orders'], 'detail-type': ['OrderConfirmed', 'OrderCancelled'] },
  payments: { source: ['mesh.payments'] },
};

/**
 * A subscriber of the soak's own on the bus (a rule per pattern → one queue, drained by a few loops), as any
 * new subscriber would be: it counts orders reaching their end while the soak runs and keeps every payment
 * outcome, so the checks can count captures and refunds per order.
 */
export class BusTap {
  /** Events by orderId. */
  readonly byOrder = new Map<string, TappedEvent[]>();
  /** Orders with an OrderConfirmed or OrderCancelled seen. */
  readonly ended = new Set<string>();
  private running = true;
  private loops: Promise<void>[] = [];
  private failure: unknown;

  private constructor(
    private readonly events: EventBridgeClient,
    private readonly sqs: SQSClient,
    private readonly busName: string,
    private readonly name: string,
    private readonly queueUrl: string,
  ) {}

  static async start(options: {
    events: EventBridgeClient;
    sqs: SQSClient;
    busName: string;
    name: string;
    region: string;
    accountId: string;
    drainers?: number;
  }): Promise<BusTap> {
    const { events, sqs, busName, name } = options;
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
    for (const [suffix, pattern] of Object.entries(PATTERNS)) {
      const rule = `${name}-${suffix}`;
      await events.send(
        new PutRuleCommand({ Name: rule, EventBusName: busName, EventPattern: JSON.stringify(pattern) }),
      );
      await events.send(
        new PutTargetsCommand({
          Rule: rule,
          EventBusName: busName,
          Targets: [{ Id: 'soak', Arn: `arn:aws:sqs:${options.region}:${options.accountId}:${name}` }],
        }),
      );
    }
    const tap = new BusTap(events, sqs, busName, name, QueueUrl!);
    tap.loops = Array.from({ length: options.drainers ?? 2 }, () => tap.drain());
    return tap;
  }

  of(orderId: string): TappedEvent[] {
    return this.byOrder.get(orderId) ?? [];
  }

  /** Throws what stopped a drain loop, if one stopped. */
  check(): void {
    if (this.failure) throw this.failure;
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
    for (const suffix of Object.keys(PATTERNS)) {
      const rule = `${this.name}-${suffix}`;
      await this.events
        .send(new RemoveTargetsCommand({ Rule: rule, EventBusName: this.busName, Ids: ['soak'] }))
        .catch(() => undefined);
      await this.events.send(new DeleteRuleCommand({ Name: rule, EventBusName: this.busName })).catch(() => undefined);
    }
    await this.sqs.send(new DeleteQueueCommand({ QueueUrl: this.queueUrl })).catch(() => undefined);
  }

  private add(body: string): void {
    const event = JSON.parse(body) as {
      'detail-type'?: string;
      detail?: { eventId?: string; data?: Record<string, unknown> };
    };
    const data = event.detail?.data ?? {};
    const orderId = typeof data.orderId === 'string' ? data.orderId : '';
    const tapped: TappedEvent = {
      detailType: String(event['detail-type']),
      eventId: String(event.detail?.eventId),
      orderId,
      ...(typeof data.paymentId === 'string' ? { paymentId: data.paymentId } : {}),
      ...(typeof data.refundId === 'string' ? { refundId: data.refundId } : {}),
      ...(typeof data.reason === 'string' ? { reason: data.reason } : {}),
    };
    const list = this.byOrder.get(orderId) ?? [];
    list.push(tapped);
    this.byOrder.set(orderId, list);
    if (tapped.detailType === 'OrderConfirmed' || tapped.detailType === 'OrderCancelled') this.ended.add(orderId);
  }

  private async drain(): Promise<void> {
    let errors = 0;
    while (this.running) {
      try {
        const { Messages = [] } = await this.sqs.send(
          new ReceiveMessageCommand({ QueueUrl: this.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
        );
        for (const message of Messages) this.add(message.Body ?? '{}');
        if (Messages.length > 0) {
          await this.sqs.send(
            new DeleteMessageBatchCommand({
              QueueUrl: this.queueUrl,
              Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
            }),
          );
        }
        errors = 0;
      } catch (error) {
        // The edge is shared with a loaded mesh: a few failed receives in a row are tolerated, not more.
        errors += 1;
        if (errors >= 10 && this.running) {
          this.failure = error;
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }
}
