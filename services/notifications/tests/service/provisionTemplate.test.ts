// The REAL packaged templates of the bus and this service, provisioned on the offline mesh by @mesh/offline.
import path from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeArchiveCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  ListTargetsByRuleCommand,
  PutEventsCommand,
} from '@aws-sdk/client-eventbridge';
import { DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { provisionTemplate, startEmulators, type ProvisionResult, type StartedEmulators } from '@mesh/offline';
import { packageService, type CloudFormationTemplate } from '@mesh/testing';

const servicesDir = path.resolve(__dirname, '../../..');
const clientConfig = () => ({
  endpoint: mesh.edgeUrl,
  region: 'us-east-1',
  credentials: { accessKeyId: 'offline', secretAccessKey: 'offline' },
});
let mesh: StartedEmulators;
let busTemplate: CloudFormationTemplate;
let notificationsTemplate: CloudFormationTemplate;
let bus: ProvisionResult;
let notifications: ProvisionResult;
let sqs: SQSClient;
let events: EventBridgeClient;
let dynamodb: DynamoDBClient;

beforeAll(async () => {
  // Packaging (esbuild) first, then the emulators: a JVM starting beside two bundlers on a busy machine may
  // miss DynamoDB Local's start deadline.
  busTemplate = await packageService(path.join(servicesDir, 'bus'), 'test');
  notificationsTemplate = await packageService(path.join(servicesDir, 'notifications'), 'test');
  mesh = await startEmulators({ edgePort: 0 });
  sqs = new SQSClient(clientConfig());
  events = new EventBridgeClient(clientConfig());
  dynamodb = new DynamoDBClient(clientConfig());
  const options = { endpoint: mesh.edgeUrl, stage: 'test' };
  bus = await provisionTemplate(busTemplate, { ...options, serviceName: 'mesh-bus' });
  notifications = await provisionTemplate(notificationsTemplate, { ...options, serviceName: 'notifications' });
}, 240_000);

afterAll(async () => {
  sqs?.destroy();
  events?.destroy();
  dynamodb?.destroy();
  await mesh?.stop();
});

const queueUrl = (name: string) => `${mesh.edgeUrl}/000000000000/${name}`;

async function queueAttributes(name: string): Promise<Record<string, string>> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl(name), AttributeNames: ['All'] }),
  );
  return Attributes;
}

describe('provisioning the bus template', () => {
  it('creates the mesh bus and its archive, and resolves the outputs compose passes on', async () => {
    expect(bus.created).toEqual([
      { logicalId: 'EventBus', type: 'AWS::Events::EventBus', physicalId: 'mesh-test' },
      { logicalId: 'EventArchive', type: 'AWS::Events::Archive', physicalId: 'mesh-test-all' },
    ]);
    const archive = await events.send(new DescribeArchiveCommand({ ArchiveName: 'mesh-test-all' }));
    expect(archive).toMatchObject({
      EventSourceArn: 'arn:aws:events:us-east-1:000000000000:event-bus/mesh-test',
      RetentionDays: 30,
    });
    expect(bus.outputs).toEqual({
      EventBusName: 'mesh-test',
      EventBusArn: 'arn:aws:events:us-east-1:000000000000:event-bus/mesh-test',
    });
    expect(bus.ignored).toEqual([
      expect.objectContaining({ logicalId: 'ServerlessDeploymentBucket', type: 'AWS::S3::Bucket' }),
      expect.objectContaining({ logicalId: 'ServerlessDeploymentBucketPolicy', type: 'AWS::S3::BucketPolicy' }),
      // The alarm topic: a DLQ that fills shows offline in the console and `mesh queues` instead.
      ...['AlarmTopicKey', 'AlarmTopic', 'AlarmTopicPolicy'].map((logicalId) =>
        expect.objectContaining({ logicalId, why: 'not emulated offline' }),
      ),
      // No address given: the subscriptions' conditions are false on AWS too.
      ...['AlarmEmailSubscription', 'AlarmHttpsSubscription'].map((logicalId) =>
        expect.objectContaining({ logicalId, why: expect.stringMatching(/^conditional resources/) }),
      ),
    ]);
  });
});

describe('provisioning the notifications template', () => {
  it('creates the table with its keys', async () => {
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: 'notifications-test' }));
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'customerId', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
  });

  it('creates the subscriber queue redriving to its DLQ after maxReceiveCount, and the delivery DLQ', async () => {
    const queue = await queueAttributes('notifications-test-order-lifecycle');
    expect(queue).toMatchObject({ VisibilityTimeout: '60', MessageRetentionPeriod: '345600' });
    expect(JSON.parse(queue.RedrivePolicy!)).toEqual({
      deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:notifications-test-order-lifecycle-dlq',
      maxReceiveCount: 5,
    });
    expect(await queueAttributes('notifications-test-order-lifecycle-dlq')).toMatchObject({
      MessageRetentionPeriod: '1209600',
    });
    expect(await queueAttributes('notifications-test-order-lifecycle-delivery-dlq')).toMatchObject({
      QueueArn: 'arn:aws:sqs:us-east-1:000000000000:notifications-test-order-lifecycle-delivery-dlq',
    });
  });

  it('creates the rule on the mesh bus with its pattern and its SQS target, DLQ and retry policy', async () => {
    const rule = await events.send(new DescribeRuleCommand({ Name: ruleName(), EventBusName: 'mesh-test' }));
    expect(rule.State).toBe('ENABLED');
    expect(JSON.parse(rule.EventPattern!)).toEqual({
      source: ['mesh.orders', 'mesh.payments'],
      'detail-type': ['OrderCancelled', 'OrderConfirmed', 'OrderPlaced', 'PaymentRefunded'],
    });
    const { Targets } = await events.send(
      new ListTargetsByRuleCommand({ Rule: ruleName(), EventBusName: 'mesh-test' }),
    );
    expect(Targets).toEqual([
      {
        Id: 'OrderLifecycleTarget',
        Arn: 'arn:aws:sqs:us-east-1:000000000000:notifications-test-order-lifecycle',
        DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:000000000000:notifications-test-order-lifecycle-delivery-dlq' },
        RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 },
      },
    ]);
  });

  it('lists what it does not create, each with its reason', () => {
    const ignored = Object.fromEntries(
      notifications.ignored.map(({ logicalId, type, why }) => [
        // A version's logical id ends with a hash of the code.
        logicalId.replace(/^(OrderLifecycle|ListNotifications)LambdaVersion.+/, '$1LambdaVersion'),
        { type, why },
      ]),
    );
    expect(Object.keys(ignored).sort()).toEqual(
      [
        // The HTTP API (GET /notifications) is served by serverless-offline, not provisioned.
        'HttpApi',
        'HttpApiAuthorizerMeshJwt',
        'HttpApiIntegrationListNotifications',
        // Its JSON access log (meshProvider), CloudWatch Logs: not emulated.
        'HttpApiLogGroup',
        'HttpApiRouteGetNotifications',
        'HttpApiStage',
        'ListNotificationsLambdaFunction',
        'ListNotificationsLambdaPermissionHttpApi',
        'ListNotificationsLambdaVersion',
        'ListNotificationsLogGroup',
        'ListNotificationsRole',
        'NotificationsDashboard',
        'OrderLifecycleAgeAlarm',
        'OrderLifecycleDlqAlarm',
        'OrderLifecycleLambdaFunction',
        'OrderLifecycleLambdaVersion',
        'OrderLifecycleLogGroup',
        'OrderLifecycleQueuePolicy',
        // Each function's own role (functionRoles): IAM is not emulated.
        'OrderLifecycleRole',
        'ServerlessDeploymentBucket',
        'ServerlessDeploymentBucketPolicy',
      ].sort(),
    );
    expect(ignored.OrderLifecycleLambdaFunction?.why).toMatch(/serverless-offline/);
    expect(ignored.OrderLifecycleRole?.why).toMatch(/IAM/);
    expect(ignored.OrderLifecycleQueuePolicy?.why).toMatch(/queue policies/);
    expect(ignored.NotificationsDashboard?.why).toMatch(/dashboards are not emulated/);
    expect(notifications.created.map(({ logicalId }) => logicalId).sort()).toEqual(
      [
        'NotificationsTable',
        'OrderLifecycleDeliveryDlq',
        'OrderLifecycleDlq',
        'OrderLifecycleQueue',
        'OrderLifecycleRule',
      ].sort(),
    );
  });

  it('hands the event source mapping to the pollers with the function name and queue URL resolved', () => {
    expect(notifications.eventSourceMappings).toEqual([
      {
        functionLogicalId: 'OrderLifecycleLambdaFunction',
        functionName: 'notifications-test-orderLifecycle',
        kind: 'sqs',
        sourceArn: 'arn:aws:sqs:us-east-1:000000000000:notifications-test-order-lifecycle',
        queueUrl: queueUrl('notifications-test-order-lifecycle'),
        batchSize: 10,
        maximumBatchingWindowSeconds: 0,
        reportBatchItemFailures: true,
        enabled: true,
      },
    ]);
    expect(notifications.outputs).toEqual({
      OrderLifecycleQueueUrl: queueUrl('notifications-test-order-lifecycle'),
      OrderLifecycleDlqUrl: queueUrl('notifications-test-order-lifecycle-dlq'),
    });
  });

  it('delivers an OrderPlaced event put on the bus to the subscriber queue', async () => {
    const detail = { eventId: 'evt-1', version: 1, data: { orderId: 'o-1' } };
    const { FailedEntryCount } = await events.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: 'mesh-test',
            Source: 'mesh.orders',
            DetailType: 'OrderPlaced',
            Detail: JSON.stringify(detail),
          },
        ],
      }),
    );
    expect(FailedEntryCount).toBe(0);
    const url = queueUrl('notifications-test-order-lifecycle');
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 5, MaxNumberOfMessages: 10 }),
    );
    expect(Messages).toHaveLength(1);
    expect(JSON.parse(Messages[0]!.Body!)).toMatchObject({
      source: 'mesh.orders',
      'detail-type': 'OrderPlaced',
      detail,
    });
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: Messages[0]!.ReceiptHandle }));
  });

  it('succeeds when run again on the same mesh, keeping every resource', async () => {
    const options = { endpoint: mesh.edgeUrl, stage: 'test' };
    const again = await provisionTemplate(busTemplate, { ...options, serviceName: 'mesh-bus' });
    expect(again.created).toEqual(bus.created);
    const rerun = await provisionTemplate(notificationsTemplate, { ...options, serviceName: 'notifications' });
    expect(rerun).toEqual(notifications);
    const { Targets } = await events.send(
      new ListTargetsByRuleCommand({ Rule: ruleName(), EventBusName: 'mesh-test' }),
    );
    expect(Targets).toHaveLength(1);
  });
});

function ruleName(): string {
  return notifications.created.find(({ logicalId }) => logicalId === 'OrderLifecycleRule')!.physicalId;
}
