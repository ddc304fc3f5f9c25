import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { sleep, startSqsBehindEdge, uniqueQueueName, type SqsBehindEdge } from './sqsBehindEdge';

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

async function createQueue(attributes: Record<string, string> = {}): Promise<string> {
  const { QueueUrl } = await sqs.send(
    new CreateQueueCommand({ QueueName: uniqueQueueName('events'), Attributes: attributes }),
  );
  return QueueUrl!;
}

async function receive(QueueUrl: string, VisibilityTimeout?: number) {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl,
      MaxNumberOfMessages: 10,
      VisibilityTimeout,
      MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
    }),
  );
  return Messages;
}

async function counts(QueueUrl: string) {
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
  return {
    visible: Number(Attributes.ApproximateNumberOfMessages),
    notVisible: Number(Attributes.ApproximateNumberOfMessagesNotVisible),
    delayed: Number(Attributes.ApproximateNumberOfMessagesDelayed),
  };
}

describe('SQS visibility and delays through the edge endpoint', () => {
  it('hides a received message for the visibility timeout, then delivers it again', async () => {
    const queue = await createQueue({ VisibilityTimeout: '1' });
    await sqs.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: 'm' }));

    expect(await receive(queue)).toHaveLength(1);
    expect(await receive(queue)).toEqual([]);
    await sleep(1_200);
    const [again] = await receive(queue);

    expect(again?.Body).toBe('m');
    expect(again?.Attributes?.ApproximateReceiveCount).toBe('2');
  });

  it('makes a message visible at once when its visibility is changed to 0', async () => {
    const queue = await createQueue();
    await sqs.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: 'm' }));
    const [message] = await receive(queue, 30);

    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: queue,
        ReceiptHandle: message!.ReceiptHandle!,
        VisibilityTimeout: 0,
      }),
    );

    expect((await receive(queue)).map((m) => m.Body)).toEqual(['m']);
  });

  it('keeps a message hidden past its first timeout when its visibility is extended', async () => {
    const queue = await createQueue();
    await sqs.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: 'm' }));
    const [message] = await receive(queue, 1);

    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: queue,
        ReceiptHandle: message!.ReceiptHandle!,
        VisibilityTimeout: 3,
      }),
    );
    await sleep(1_200);

    expect(await receive(queue)).toEqual([]);
  });

  it('holds a message back for its DelaySeconds and counts it as delayed meanwhile', async () => {
    const queue = await createQueue();
    await sqs.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: 'later', DelaySeconds: 1 }));

    expect(await receive(queue)).toEqual([]);
    expect(await counts(queue)).toEqual({ visible: 0, notVisible: 0, delayed: 1 });
    await sleep(1_200);

    expect((await receive(queue)).map((m) => m.Body)).toEqual(['later']);
  });

  it('applies the queue DelaySeconds to messages sent without one', async () => {
    const queue = await createQueue({ DelaySeconds: '1' });
    await sqs.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: 'later' }));

    expect(await receive(queue)).toEqual([]);
    await sleep(1_200);

    expect(await receive(queue)).toHaveLength(1);
  });

  it('counts visible, in-flight and delayed messages', async () => {
    const queue = await createQueue();
    await sqs.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: 'in flight' }));
    await receive(queue, 30);
    await sqs.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: 'visible 1' }));
    await sqs.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: 'visible 2' }));
    await sqs.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: 'delayed', DelaySeconds: 60 }));

    expect(await counts(queue)).toEqual({ visible: 2, notVisible: 1, delayed: 1 });
  });

  it('has no ApproximateAgeOfOldestMessage attribute (on AWS it is a CloudWatch metric only): derive it from SentTimestamp', async () => {
    const queue = await createQueue();
    await sqs.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: 'old' }));
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queue, AttributeNames: ['All'] }),
    );

    expect(Attributes).not.toHaveProperty('ApproximateAgeOfOldestMessage');
    const [message] = await receive(queue);
    expect(Date.now() - Number(message?.Attributes?.SentTimestamp)).toBeGreaterThanOrEqual(0);
  });

  it("takes a receive's VisibilityTimeout of 0 as the queue's default (AWS leaves the message visible): use ChangeMessageVisibility", async () => {
    const queue = await createQueue();
    await sqs.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: 'peeked' }));
    const [message] = await receive(queue, 0);

    expect(await counts(queue)).toMatchObject({ visible: 0, notVisible: 1 });
    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: queue,
        ReceiptHandle: message!.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    expect(await counts(queue)).toMatchObject({ visible: 1, notVisible: 0 });
  });
});
