import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ListQueueTagsCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
  TagQueueCommand,
  UntagQueueCommand,
} from '@aws-sdk/client-sqs';
import { sleep, startSqsBehindEdge, uniqueQueueName, type SqsBehindEdge } from './sqsBehindEdge';

/** AWS raised SQS's maximum message size from 256 KiB to 1 MiB in August 2025. */
const MAX_MESSAGE_BYTES = 1_048_576;

let env: SqsBehindEdge;
let sqs: SQSClient;

beforeAll(async () => {
  env = await startSqsBehindEdge();
  sqs = new SQSClient(env.clientConfig);
});

afterAll(async () => {
  sqs?.destroy();
  await env?.stop();
});

async function createQueue(tags?: Record<string, string>): Promise<string> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: uniqueQueueName('limits'), tags }));
  return QueueUrl!;
}

describe('SQS limits, long polling, purge and tags through the edge endpoint', () => {
  it('answers a long poll as soon as a message arrives', async () => {
    const queue = await createQueue();
    const started = Date.now();
    const polling = sqs.send(new ReceiveMessageCommand({ QueueUrl: queue, WaitTimeSeconds: 10 }));
    await sleep(300);
    await sqs.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: 'wake up' }));

    const { Messages = [] } = await polling;

    expect(Messages.map((m) => m.Body)).toEqual(['wake up']);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('answers an empty long poll after WaitTimeSeconds', async () => {
    const queue = await createQueue();
    const started = Date.now();

    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue, WaitTimeSeconds: 1 }));

    expect(Messages ?? []).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('rejects a batch of more than 10 entries with AWS’s error', async () => {
    const queue = await createQueue();
    const entries = Array.from({ length: 11 }, (_, i) => ({ Id: `m${i}`, MessageBody: `body ${i}` }));

    await expect(sqs.send(new SendMessageBatchCommand({ QueueUrl: queue, Entries: entries }))).rejects.toMatchObject({
      name: expect.stringMatching(/TooManyEntriesInBatchRequest/),
      $metadata: { httpStatusCode: 400 },
    });
    const accepted = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queue, Entries: entries.slice(0, 10) }));
    expect(accepted.Successful).toHaveLength(10);
  });

  it('accepts a message of 1 MiB, the current AWS limit, and rejects one byte more', async () => {
    const queue = await createQueue();
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queue, AttributeNames: ['MaximumMessageSize'] }),
    );
    expect(Attributes?.MaximumMessageSize).toBe(String(MAX_MESSAGE_BYTES));

    await sqs.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: 'x'.repeat(MAX_MESSAGE_BYTES) }));
    await expect(
      sqs.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: 'x'.repeat(MAX_MESSAGE_BYTES + 1) })),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 400 } });

    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue }));
    expect(Messages[0]?.Body).toHaveLength(MAX_MESSAGE_BYTES);
  });

  it('empties a queue on PurgeQueue', async () => {
    const queue = await createQueue();
    for (const body of ['a', 'b', 'c']) await sqs.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: body }));

    await sqs.send(new PurgeQueueCommand({ QueueUrl: queue }));

    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queue, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    expect(Attributes?.ApproximateNumberOfMessages).toBe('0');
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue }));
    expect(Messages ?? []).toEqual([]);
  });

  it('keeps the tags given at creation, added and removed', async () => {
    const queue = await createQueue({ service: 'catalog' });

    await sqs.send(new TagQueueCommand({ QueueUrl: queue, Tags: { stage: 'offline', owner: 'mesh' } }));
    await sqs.send(new UntagQueueCommand({ QueueUrl: queue, TagKeys: ['owner'] }));

    const { Tags } = await sqs.send(new ListQueueTagsCommand({ QueueUrl: queue }));
    expect(Tags).toEqual({ service: 'catalog', stage: 'offline' });
  });

  it('gives queue URLs on the edge’s origin, so a client configured only by AWS_ENDPOINT_URL reaches them', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: uniqueQueueName('url') }));

    expect(new URL(QueueUrl!).origin).toBe(env.edge.url);
  });
});
