/**
 * Measures how long a poison message (an OrderPlaced that breaks its contract) takes from its send to the
 * subscriber's queue until it can be read from the DLQ, on the offline SQS (fauxqs behind the edge) with
 * the offline event source mapping, under a subscription's declared defaults (`subscription()` of @mesh/infra:
 * visibility timeout 60 s, maxReceiveCount 5). Two ways: `before`, every failure left to SQS's
 * redrive (`deadLetter: false`, what the bus did before issue 16), and `after`, the subscriber moving a
 * permanent failure at once. `before` takes minutes by design.
 *
 * Run: `npx tsx bench/src/poisonToDeadLetter.ts [messages=3]`
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { OrderPlaced } from '@mesh/contracts';
import { createSqsPoller, startEdge, startSqs } from '@mesh/offline';
import { observe, subscriber } from '@mesh/bus';
import { subscription } from '@mesh/infra';

/** A subscription's declared defaults: its queue's visibility timeout and maxReceiveCount. */
const DECLARED = subscription('bench', 'poison', [OrderPlaced]);
const VISIBILITY_TIMEOUT_SECONDS = DECLARED.visibilityTimeout;
const MAX_RECEIVE_COUNT = DECLARED.maxReceiveCount;

export interface PoisonBenchmark {
  mode: 'before' | 'after';
  messages: number;
  /** Each message's send → readable in the DLQ, in milliseconds, in arrival order. */
  millis: number[];
}

export async function benchPoisonToDeadLetter(messages = 3): Promise<PoisonBenchmark[]> {
  const sqs = await startSqs();
  const edge = await startEdge({ port: 0, routes: { sqs: sqs.endpoint, s3: sqs.endpoint } });
  const client = new SQSClient({
    endpoint: edge.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  try {
    return await Promise.all((['before', 'after'] as const).map((mode) => measure(client, mode, messages)));
  } finally {
    client.destroy();
    await edge.stop();
    await sqs.stop();
  }
}

async function measure(client: SQSClient, mode: 'before' | 'after', messages: number): Promise<PoisonBenchmark> {
  const name = `poison-${mode}-${process.pid}`;
  const { QueueUrl: dlqUrl } = await client.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }));
  const dlqArn = await arnOf(client, dlqUrl!);
  const { QueueUrl: url } = await client.send(
    new CreateQueueCommand({
      QueueName: name,
      Attributes: {
        VisibilityTimeout: String(VISIBILITY_TIMEOUT_SECONDS),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: MAX_RECEIVE_COUNT }),
      },
    }),
  );
  const handler = subscriber({
    name: `bench-${mode}`,
    observers: [observe(OrderPlaced, async () => {}, { name: 'onOrderPlaced' })],
    deadLetter: mode === 'after' ? { queueUrl: dlqUrl!, maxReceiveCount: MAX_RECEIVE_COUNT, client } : false,
    logger: { debug() {}, info() {}, warn() {}, error() {} } as never,
  });
  const poller = createSqsPoller({
    spec: {
      functionLogicalId: 'BenchLambdaFunction',
      functionName: `bench-${mode}`,
      kind: 'sqs',
      sourceArn: await arnOf(client, url!),
      queueUrl: url!,
      batchSize: 10,
      maximumBatchingWindowSeconds: 0,
      reportBatchItemFailures: true,
      enabled: true,
    },
    sqs: client,
    invoke: (_name, event) => handler(event as never),
    logger: { warn() {}, error() {} },
  });
  await poller.start();
  const sentAt = new Map<string, number>();
  for (let i = 0; i < messages; i++) {
    const eventId = `${mode}-${i}`;
    // An OrderPlaced whose detail breaks its contract: no items.
    const broken = {
      version: '0',
      id: eventId,
      'detail-type': OrderPlaced.detailType,
      source: OrderPlaced.source,
      time: new Date().toISOString(),
      detail: {
        eventId,
        version: OrderPlaced.version,
        occurredAt: new Date().toISOString(),
        correlationId: eventId,
        causationId: eventId,
        data: { ...(OrderPlaced.example as object), items: [] },
      },
    };
    sentAt.set(eventId, performance.now());
    await client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: JSON.stringify(broken) }));
  }
  const millis: number[] = [];
  while (millis.length < messages) {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: dlqUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 20,
        VisibilityTimeout: 600,
      }),
    );
    for (const message of Messages) {
      const eventId = (JSON.parse(message.Body!) as { detail: { eventId: string } }).detail.eventId;
      millis.push(Math.round(performance.now() - sentAt.get(eventId)!));
    }
  }
  await poller.stop();
  return { mode, messages, millis };
}

async function arnOf(client: SQSClient, url: string): Promise<string> {
  const { Attributes } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );
  return Attributes!.QueueArn!;
}

if (require.main === module) {
  const load = os.loadavg().map((n) => Number(n.toFixed(1)));
  benchPoisonToDeadLetter(Number(process.argv[2] ?? 3))
    .then((results) => {
      console.log(
        JSON.stringify(
          { loadAverageAtStart: load, loadAverageAtEnd: os.loadavg().map((n) => Number(n.toFixed(1))), results },
          null,
          2,
        ),
      );
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
