import path from 'node:path';
import { OrderCancelled, OrderPlaced, StockReserved } from '@mesh/contracts';
import { packageService, resourcesOfType, type CloudFormationTemplate } from '@mesh/testing';

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

/**
 * Proves the pinned CLI (osls) packages payments, and that what it deploys is locked down: the subscription
 * routes exactly what payments observes, the receipts bucket is private and TLS-only, and the function may
 * touch only its own table, its bucket's receipts and the bus, as mesh.payments.
 */
describe('serverless package of payments', () => {
  let template: CloudFormationTemplate;
  beforeAll(async () => {
    template = await packageService(path.resolve(__dirname, '../..'), 'ci');
  }, 180_000);

  const props = (id: string) => {
    const resource = template.Resources[id];
    if (!resource) throw new Error(`no resource ${id} in ${Object.keys(template.Resources).join(', ')}`);
    return resource.Properties as Record<string, unknown>;
  };
  const statements = () =>
    (props('OrderEventsRole').Policies as { PolicyDocument: { Statement: Statement[] } }[]).flatMap(
      (policy) => policy.PolicyDocument.Statement,
    );
  const actions = (statement: Statement) => [statement.Action].flat();

  it('deploys the one subscriber on nodejs22.x with its table, bucket and bus in its environment', () => {
    const functions = Object.values(resourcesOfType(template, 'AWS::Lambda::Function'));
    expect(functions).toHaveLength(1);
    expect(functions[0]!.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      FunctionName: 'payments-ci-orderEvents',
      Environment: {
        Variables: {
          PAYMENTS_TABLE: { Ref: 'PaymentsTable' },
          RECEIPTS_BUCKET: { Ref: 'ReceiptsBucket' },
          EVENT_BUS_NAME: 'mesh-ci',
          PAYMENT_PROVIDER: 'fake',
        },
      },
    });
  });

  it('routes OrderPlaced and OrderCancelled from mesh.orders and StockReserved from mesh.inventory to its queue', () => {
    expect(props('OrderEventsRule')).toMatchObject({
      EventBusName: 'mesh-ci',
      EventPattern: {
        source: ['mesh.inventory', 'mesh.orders'],
        'detail-type': [OrderCancelled.detailType, OrderPlaced.detailType, StockReserved.detailType],
      },
      Targets: [
        {
          Arn: { 'Fn::GetAtt': ['OrderEventsQueue', 'Arn'] },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['OrderEventsDeliveryDlq', 'Arn'] } },
        },
      ],
    });
    expect(props('OrderEventsQueue')).toMatchObject({
      QueueName: 'payments-ci-order-events',
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['OrderEventsDlq', 'Arn'] }, maxReceiveCount: 5 },
    });
  });

  it('triggers the function from the queue with partial batch responses', () => {
    const mappings = Object.values(resourcesOfType(template, 'AWS::Lambda::EventSourceMapping'));
    expect(mappings).toHaveLength(1);
    expect(mappings[0]!.Properties).toMatchObject({
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      EventSourceArn: { 'Fn::GetAtt': ['OrderEventsQueue', 'Arn'] },
    });
  });

  it('owns one pay-per-request table, encrypted, recoverable, whose idempotency records expire', () => {
    expect(resourcesOfType(template, 'AWS::DynamoDB::Table')).toHaveProperty('PaymentsTable');
    expect(props('PaymentsTable')).toMatchObject({
      TableName: 'payments-ci',
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
      SSESpecification: { SSEEnabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('keeps receipts in a private, encrypted bucket', () => {
    expect(props('ReceiptsBucket')).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
    });
  });

  it('refuses every request to the bucket that does not use TLS', () => {
    expect(props('ReceiptsBucketPolicy')).toMatchObject({
      Bucket: { Ref: 'ReceiptsBucket' },
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [
              { 'Fn::GetAtt': ['ReceiptsBucket', 'Arn'] },
              { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['ReceiptsBucket', 'Arn'] }, '/*']] },
            ],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      },
    });
  });

  it('grants no wildcard action and no resource outside its own', () => {
    for (const statement of statements()) {
      expect(statement.Effect).toBe('Allow');
      for (const action of actions(statement)) expect(action).not.toMatch(/\*/);
      // Only X-Ray's two actions (active tracing, meshProvider) may name '*': they take no narrower resource.
      const xray = actions(statement).every((a) => a === 'xray:PutTraceSegments' || a === 'xray:PutTelemetryRecords');
      if (xray) continue;
      expect(JSON.stringify(statement.Resource)).not.toContain('"*"');
    }
  });

  it('scopes each grant to its table, its receipts and the bus as mesh.payments', () => {
    const grant = (action: string) => statements().filter((s) => actions(s).includes(action));
    const [table] = grant('dynamodb:PutItem');
    expect(table).toMatchObject({ Resource: [{ 'Fn::GetAtt': ['PaymentsTable', 'Arn'] }] });
    expect(actions(table!).sort()).toEqual([
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ]);
    expect(grant('s3:PutObject')).toEqual([
      {
        Sid: 'ReceiptsBucketreceipts',
        Effect: 'Allow',
        Action: ['s3:PutObject'],
        Resource: [{ 'Fn::Join': ['', [{ 'Fn::GetAtt': ['ReceiptsBucket', 'Arn'] }, '/receipts/*']] }],
      },
    ]);
    expect(grant('events:PutEvents')).toEqual([
      {
        Sid: 'PublishOwnEventsOnly',
        Effect: 'Allow',
        Action: ['events:PutEvents'],
        Resource: [
          {
            'Fn::Join': [
              '',
              [
                'arn:',
                { Ref: 'AWS::Partition' },
                ':events:',
                { Ref: 'AWS::Region' },
                ':',
                { Ref: 'AWS::AccountId' },
                ':event-bus/mesh-ci',
              ],
            ],
          },
        ],
        Condition: { StringEquals: { 'events:source': 'mesh.payments' } },
      },
    ]);
    expect(grant('sqs:ReceiveMessage')).toEqual([
      expect.objectContaining({ Resource: [{ 'Fn::GetAtt': ['OrderEventsQueue', 'Arn'] }] }),
    ]);
  });

  it('leaks nothing offline-only into the deployed template', () => {
    const text = JSON.stringify(template);
    expect(text).not.toMatch(/127\.0\.0\.1|localhost|:4566|serverless-offline|AWS_ENDPOINT_URL/);
  });
});
