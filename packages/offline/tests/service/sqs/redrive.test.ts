import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
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

async function createQueue(name: string, attributes: Record<string, string> = {}) {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  return { url: QueueUrl!, arn: Attributes!.QueueArn! };
}

async function createQueueWithDlq(fifo: boolean, maxReceiveCount: number) {
  const fifoAttributes: Record<string, string> = fifo ? { FifoQueue: 'true' } : {};
  const dlq = await createQueue(uniqueQueueName('dlq', fifo), fifoAttributes);
  const source = await createQueue(uniqueQueueName('source', fifo), {
    ...fifoAttributes,
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount }),
  });
  return { source, dlq };
}

/** Receives the queue's next message and fails it: back to visible at once, as a failed handler's would be after its timeout. */
async function receiveAndFail(QueueUrl: string) {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }),
  );
  for (const message of Messages) {
    await sqs.send(
      new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle!, VisibilityTimeout: 0 }),
    );
  }
  return Messages;
}

describe('SQS redrive through the edge endpoint', () => {
  it('moves a message to the DLQ once it has been received maxReceiveCount times', async () => {
    const { source, dlq } = await createQueueWithDlq(false, 2);
    await sqs.send(new SendMessageCommand({ QueueUrl: source.url, MessageBody: 'poison' }));

    expect(await receiveAndFail(source.url)).toHaveLength(1);
    expect(await receiveAndFail(source.url)).toHaveLength(1);
    expect(await receiveAndFail(source.url)).toEqual([]);

    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: dlq.url, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }),
    );
    expect(Messages.map((m) => m.Body)).toEqual(['poison']);
  });

  it('moves a FIFO message to its FIFO DLQ and then delivers the next message of its group', async () => {
    const { source, dlq } = await createQueueWithDlq(true, 1);
    for (const body of ['first', 'second']) {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: source.url,
          MessageBody: body,
          MessageGroupId: 'order-1',
          MessageDeduplicationId: body,
        }),
      );
    }

    expect((await receiveAndFail(source.url)).map((m) => m.Body)).toEqual(['first']);
    expect((await receiveAndFail(source.url)).map((m) => m.Body)).toEqual(['second']);

    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq.url }));
    expect(Messages.map((m) => m.Body)).toEqual(['first']);
  });

  it('does not support StartMessageMoveTask (fauxqs gap): redrive from a DLQ must receive, resend and delete', async () => {
    const { dlq } = await createQueueWithDlq(false, 1);

    await expect(sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlq.arn }))).rejects.toMatchObject({
      name: 'InvalidAction',
      $metadata: { httpStatusCode: 400 },
    });
  });
});
