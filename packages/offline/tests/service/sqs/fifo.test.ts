import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { startSqsBehindEdge, uniqueQueueName, type SqsBehindEdge } from './sqsBehindEdge';

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

async function createFifoQueue(attributes: Record<string, string> = {}): Promise<string> {
  const { QueueUrl } = await sqs.send(
    new CreateQueueCommand({
      QueueName: uniqueQueueName('commands', true),
      Attributes: { FifoQueue: 'true', ...attributes },
    }),
  );
  return QueueUrl!;
}

async function send(QueueUrl: string, body: string, group: string, dedupId?: string) {
  return sqs.send(
    new SendMessageCommand({
      QueueUrl,
      MessageBody: body,
      MessageGroupId: group,
      MessageDeduplicationId: dedupId ?? body,
    }),
  );
}

async function receive(QueueUrl: string, max = 10) {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: max, VisibilityTimeout: 30 }),
  );
  return Messages;
}

async function countVisible(QueueUrl: string): Promise<number> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
  );
  return Number(Attributes?.ApproximateNumberOfMessages);
}

describe('FIFO queues through the edge endpoint', () => {
  it('delivers each group in order and holds a group back while one of its messages is in flight', async () => {
    const queue = await createFifoQueue();
    for (const body of ['a1', 'a2', 'a3']) await send(queue, body, 'A');
    await send(queue, 'b1', 'B');

    const first = await receive(queue);
    const bodies = first.map((m) => m.Body);
    // Whatever a receive returns of a group is its oldest messages, in order.
    const ofA = bodies.filter((b) => b?.startsWith('a'));
    expect(ofA).toEqual(['a1', 'a2', 'a3'].slice(0, ofA.length));
    expect(bodies).toContain('b1');

    // a1 is in flight (not deleted): nothing more of group A comes out, in any later receive.
    const whileLocked = await receive(queue);
    expect(whileLocked).toEqual([]);

    const a1 = first.find((m) => m.Body === 'a1')!;
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queue, ReceiptHandle: a1.ReceiptHandle! }));
    const next = await receive(queue);
    expect(next.map((m) => m.Body)[0]).toBe('a2');
  });

  it('returns at most one message per group per receive (fauxqs; AWS may return several of a group, in order)', async () => {
    const queue = await createFifoQueue();
    for (const body of ['a1', 'a2', 'a3']) await send(queue, body, 'A');

    const messages = await receive(queue);

    expect(messages.map((m) => m.Body)).toEqual(['a1']);
  });

  it('drops a second send with the same MessageDeduplicationId', async () => {
    const queue = await createFifoQueue();
    await send(queue, 'reserve isbn-1', 'order-1', 'command-1');
    await send(queue, 'reserve isbn-1 (producer retry)', 'order-1', 'command-1');

    expect(await countVisible(queue)).toBe(1);
    expect((await receive(queue)).map((m) => m.Body)).toEqual(['reserve isbn-1']);
  });

  it('deduplicates on the body when ContentBasedDeduplication is on', async () => {
    const queue = await createFifoQueue({ ContentBasedDeduplication: 'true' });
    const sendBody = (body: string) =>
      sqs.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: body, MessageGroupId: 'g' }));
    await sendBody('same');
    await sendBody('same');
    await sendBody('different');

    expect(await countVisible(queue)).toBe(2);
  });

  it('rejects a send with neither a deduplication id nor ContentBasedDeduplication', async () => {
    const queue = await createFifoQueue();

    await expect(
      sqs.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: 'x', MessageGroupId: 'g' })),
    ).rejects.toMatchObject({
      name: expect.stringMatching(/InvalidParameterValue/),
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('rejects a send to a FIFO queue without a MessageGroupId', async () => {
    const queue = await createFifoQueue();

    await expect(
      sqs.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: 'x', MessageDeduplicationId: 'd' })),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 400 } });
  });
});
