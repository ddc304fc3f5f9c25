// What fauxqs does about regions, pinned so an upgrade that changes it is noticed (docs/offline.md).
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { startSqsBehindEdge, uniqueQueueName, type SqsBehindEdge } from './sqsBehindEdge';

let env: SqsBehindEdge;
const clients: SQSClient[] = [];

function sqsIn(region: string): SQSClient {
  const client = new SQSClient({ ...env.clientConfig, region });
  clients.push(client);
  return client;
}

beforeAll(async () => {
  env = await startSqsBehindEdge();
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await env?.stop();
});

describe('fauxqs and regions', () => {
  it('puts the region of the request’s credential scope in a queue’s ARN', async () => {
    const frankfurt = sqsIn('eu-central-1');
    const { QueueUrl } = await frankfurt.send(new CreateQueueCommand({ QueueName: uniqueQueueName('regional') }));
    const { Attributes } = await frankfurt.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );

    expect(Attributes?.QueueArn).toMatch(/^arn:aws:sqs:eu-central-1:000000000000:regional-/);
  });

  it('finds a queue by name only in the region it was created in', async () => {
    const name = uniqueQueueName('found');
    await sqsIn('eu-central-1').send(new CreateQueueCommand({ QueueName: name }));

    await expect(sqsIn('us-west-2').send(new GetQueueUrlCommand({ QueueName: name }))).rejects.toMatchObject({
      name: expect.stringMatching(/QueueDoesNotExist|NonExistentQueue/),
    });
  });

  it('GAP: lists every region’s queues and serves one URL per name, the last region’s queue', async () => {
    const name = uniqueQueueName('shared-name');
    const east = await sqsIn('us-east-1').send(new CreateQueueCommand({ QueueName: name }));
    const west = await sqsIn('eu-west-1').send(new CreateQueueCommand({ QueueName: name }));
    const listedElsewhere = await sqsIn('ap-south-1').send(new ListQueuesCommand({ QueueNamePrefix: name }));

    // AWS: two queues with two URLs (the region is in the host); each region lists its own only.
    expect(east.QueueUrl).toBe(west.QueueUrl);
    expect(listedElsewhere.QueueUrls?.length).toBeGreaterThan(0);
    await sqsIn('us-east-1').send(new SendMessageCommand({ QueueUrl: east.QueueUrl, MessageBody: 'to us-east-1' }));
    const { Attributes } = await sqsIn('us-east-1').send(
      new GetQueueAttributesCommand({ QueueUrl: east.QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    const received = await sqsIn('us-east-1').send(
      new ReceiveMessageCommand({ QueueUrl: east.QueueUrl, WaitTimeSeconds: 1 }),
    );
    expect(Attributes?.QueueArn).toContain(':eu-west-1:');
    expect(received.Messages?.map((m) => m.Body)).toEqual(['to us-east-1']);
  });
});
