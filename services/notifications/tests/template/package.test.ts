import path from 'node:path';
import { OrderCancelled, OrderConfirmed, OrderPlaced, PaymentRefunded } from '@mesh/contracts';
import { packageService, resourcesOfType, type CloudFormationTemplate } from '@mesh/testing';

/**
 * Proves the pinned CLI (osls) packages a service with no login and no download, and that the one
 * subscription declaration became the rule, queues, policy, alarms and event source mapping it implies.
 */
describe('serverless package of notifications', () => {
  let template: CloudFormationTemplate;
  beforeAll(async () => {
    template = await packageService(path.resolve(__dirname, '../..'), 'ci');
  }, 180_000);

  const props = (id: string) => {
    const resource = template.Resources[id];
    if (!resource) throw new Error(`no resource ${id} in ${Object.keys(template.Resources).join(', ')}`);
    return resource.Properties as Record<string, unknown>;
  };

  it('deploys the subscriber and the API on nodejs22.x', () => {
    const functions = Object.values(resourcesOfType(template, 'AWS::Lambda::Function'));
    expect(functions.map((f) => f.Properties.FunctionName).sort()).toEqual([
      'notifications-ci-listNotifications',
      'notifications-ci-orderLifecycle',
    ]);
    for (const fn of functions) expect(fn.Properties.Runtime).toBe('nodejs22.x');
  });

  it('puts GET /notifications behind the JWT authorizer with the issuer and audience params', () => {
    const routes = Object.values(resourcesOfType(template, 'AWS::ApiGatewayV2::Route'));
    expect(routes.map((r) => r.Properties.RouteKey)).toEqual(['GET /notifications']);
    expect(routes[0]!.Properties).toMatchObject({
      AuthorizationType: 'JWT',
      AuthorizerId: { Ref: 'HttpApiAuthorizerMeshJwt' },
    });
    expect(props('HttpApiAuthorizerMeshJwt')).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: 'https://auth.mesh.example.com/', Audience: ['mesh-api'] },
    });
  });

  it('lets the API only query the table, and the subscriber only put notifications and consume its queue', () => {
    const statementsOf = (role: string) =>
      (props(role).Policies as { PolicyDocument: { Statement: { Action: string[]; Resource: unknown }[] } }[]).flatMap(
        (p) => p.PolicyDocument.Statement,
      );
    expect(props('ListNotificationsLambdaFunction').Role).toEqual({ 'Fn::GetAtt': ['ListNotificationsRole', 'Arn'] });
    expect(statementsOf('ListNotificationsRole').flatMap((s) => s.Action)).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      // Lambda refuses active tracing (meshProvider) without them.
      'xray:PutTraceSegments',
      'xray:PutTelemetryRecords',
      'dynamodb:Query',
    ]);
    // The subscriber puts notifications and consumes its own queue: it neither reads the table nor queries it.
    expect(props('OrderLifecycleLambdaFunction').Role).toEqual({ 'Fn::GetAtt': ['OrderLifecycleRole', 'Arn'] });
    expect(statementsOf('OrderLifecycleRole').flatMap((s) => s.Action)).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'xray:PutTraceSegments',
      'xray:PutTelemetryRecords',
      'dynamodb:PutItem',
      'sqs:ReceiveMessage',
      'sqs:DeleteMessage',
      'sqs:GetQueueAttributes',
    ]);
    expect(template.Resources.IamRoleLambdaExecution).toBeUndefined();
  });

  it('routes exactly the observed events from their owner to the subscriber queue, with a delivery DLQ', () => {
    expect(props('OrderLifecycleRule')).toMatchObject({
      EventBusName: 'mesh-ci',
      EventPattern: {
        source: ['mesh.orders', 'mesh.payments'],
        'detail-type': [OrderCancelled, OrderConfirmed, OrderPlaced, PaymentRefunded].map((c) => c.detailType),
      },
      Targets: [
        {
          Arn: { 'Fn::GetAtt': ['OrderLifecycleQueue', 'Arn'] },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['OrderLifecycleDeliveryDlq', 'Arn'] } },
          RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 },
        },
      ],
    });
  });

  it('names, encrypts and redrives the queue to a DLQ that keeps messages longer', () => {
    const queue = props('OrderLifecycleQueue');
    const dlq = props('OrderLifecycleDlq');
    expect(queue).toMatchObject({
      QueueName: 'notifications-ci-order-lifecycle',
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['OrderLifecycleDlq', 'Arn'] }, maxReceiveCount: 5 },
    });
    expect(dlq).toMatchObject({ QueueName: 'notifications-ci-order-lifecycle-dlq', SqsManagedSseEnabled: true });
    expect(dlq.MessageRetentionPeriod as number).toBeGreaterThan(queue.MessageRetentionPeriod as number);
    expect(queue.Tags).toEqual(
      expect.arrayContaining([{ Key: 'events', Value: 'OrderPlaced OrderConfirmed OrderCancelled PaymentRefunded' }]),
    );
  });

  it('lets only its own rule send to the queue', () => {
    const statement = (props('OrderLifecycleQueuePolicy').PolicyDocument as { Statement: unknown[] }).Statement[0];
    expect(statement).toMatchObject({
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': ['OrderLifecycleRule', 'Arn'] } } },
    });
  });

  it('triggers the function from the queue with partial batch responses', () => {
    const mappings = Object.values(resourcesOfType(template, 'AWS::Lambda::EventSourceMapping'));
    expect(mappings).toHaveLength(1);
    expect(mappings[0]!.Properties).toMatchObject({
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      EventSourceArn: { 'Fn::GetAtt': ['OrderLifecycleQueue', 'Arn'] },
    });
  });

  it('alarms on a non-empty DLQ and on old messages', () => {
    expect(props('OrderLifecycleDlqAlarm')).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    expect(props('OrderLifecycleAgeAlarm')).toMatchObject({
      MetricName: 'ApproximateAgeOfOldestMessage',
      Threshold: 300,
    });
  });

  it('owns a table with encryption and point-in-time recovery', () => {
    expect(props('NotificationsTable')).toMatchObject({
      TableName: 'notifications-ci',
      SSESpecification: { SSEEnabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('leaks nothing offline-only into the deployed template', () => {
    const text = JSON.stringify(template);
    expect(text).not.toMatch(/127\.0\.0\.1|localhost|:4566|serverless-offline/);
  });
});
