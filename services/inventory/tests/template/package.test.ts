import path from 'node:path';
import { packageService, resourcesOfType, type CloudFormationTemplate } from '@mesh/testing';

/**
 * Proves the pinned CLI (osls) packages the inventory, and that its command channel declaration, table,
 * HTTP routes and IAM became exactly what the service needs and nothing more.
 */
describe('serverless package of inventory', () => {
  let template: CloudFormationTemplate;
  beforeAll(async () => {
    template = await packageService(path.resolve(__dirname, '../..'), 'ci');
  }, 180_000);

  const props = (id: string) => {
    const resource = template.Resources[id];
    if (!resource) throw new Error(`no resource ${id} in ${Object.keys(template.Resources).join(', ')}`);
    return resource.Properties as Record<string, unknown>;
  };

  it('deploys its three functions on nodejs22.x with the table and bus in their environment', () => {
    const functions = Object.values(resourcesOfType(template, 'AWS::Lambda::Function'));
    expect(functions.map((f) => f.Properties.FunctionName).sort()).toEqual([
      'inventory-ci-commands',
      'inventory-ci-getStock',
      'inventory-ci-putStock',
    ]);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Environment: { Variables: { INVENTORY_TABLE: { Ref: 'InventoryTable' }, EVENT_BUS_NAME: 'mesh-ci' } },
      });
    }
  });

  it('takes commands on a FIFO queue that redrives to a FIFO DLQ', () => {
    const queue = props('CommandsQueue');
    expect(queue).toMatchObject({
      QueueName: 'inventory-ci-commands.fifo',
      FifoQueue: true,
      ContentBasedDeduplication: false,
      DeduplicationScope: 'messageGroup',
      FifoThroughputLimit: 'perMessageGroupId',
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['CommandsDlq', 'Arn'] }, maxReceiveCount: 5 },
    });
    expect(props('CommandsDlq')).toMatchObject({ QueueName: 'inventory-ci-commands-dlq.fifo', FifoQueue: true });
    expect(queue.Tags).toEqual(expect.arrayContaining([{ Key: 'commands', Value: 'ReserveStock ReleaseStock' }]));
  });

  it('triggers the command handler from its queue with partial batch responses', () => {
    const mappings = Object.values(resourcesOfType(template, 'AWS::Lambda::EventSourceMapping'));
    expect(mappings).toHaveLength(1);
    expect(mappings[0]!.Properties).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': ['CommandsQueue', 'Arn'] },
      FunctionName: { 'Fn::GetAtt': ['CommandsLambdaFunction', 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('outputs the command queue URL and ARN for the services that send it commands', () => {
    expect(template.Outputs).toMatchObject({
      CommandsQueueUrl: { Value: { Ref: 'CommandsQueue' } },
      CommandsQueueArn: { Value: { 'Fn::GetAtt': ['CommandsQueue', 'Arn'] } },
    });
  });

  it('owns one encrypted, recoverable, on-demand table whose TTL expires idempotency records', () => {
    expect(props('InventoryTable')).toMatchObject({
      TableName: 'inventory-ci',
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

  it('guards PUT with the JWT authorizer and the admin scope, GET with the authorizer alone', () => {
    expect(props('HttpApiAuthorizerMeshJwt')).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: 'https://auth.mesh.example.com/', Audience: ['mesh-api'] },
    });
    expect(props('HttpApiRoutePutStockSkuVar')).toMatchObject({
      RouteKey: 'PUT /stock/{sku}',
      AuthorizationType: 'JWT',
      AuthorizationScopes: ['admin'],
    });
    const get = props('HttpApiRouteGetStockSkuVar');
    expect(get).toMatchObject({ RouteKey: 'GET /stock/{sku}', AuthorizationType: 'JWT' });
    expect(get.AuthorizationScopes).toBeUndefined();
  });

  describe('IAM', () => {
    type Statement = { Action: string[]; Resource: unknown[]; Condition?: unknown };
    const statements = () => {
      const role = props('IamRoleLambdaExecution') as { Policies: { PolicyDocument: { Statement: Statement[] } }[] };
      return role.Policies.flatMap((p) => p.PolicyDocument.Statement);
    };
    const ofService = (prefix: string) => statements().filter((s) => s.Action.some((a) => a.startsWith(prefix)));

    it('grants no wildcard action', () => {
      for (const statement of statements()) {
        for (const action of statement.Action) expect(action).not.toMatch(/\*/);
      }
    });

    it('limits DynamoDB to the item actions it uses, on its own table only', () => {
      const dynamo = ofService('dynamodb:');
      expect(dynamo).toHaveLength(1);
      expect(dynamo[0]!.Action.sort()).toEqual([
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
      ]);
      expect(dynamo[0]!.Resource).toEqual([{ 'Fn::GetAtt': ['InventoryTable', 'Arn'] }]);
    });

    it('lets it publish only its own source, only to the mesh bus', () => {
      const events = ofService('events:');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        Action: ['events:PutEvents'],
        Condition: { StringEquals: { 'events:source': 'mesh.inventory' } },
      });
      expect(JSON.stringify(events[0]!.Resource)).toMatch(/:event-bus\/mesh-ci"/);
    });

    it('lets it consume its own command queue only', () => {
      for (const statement of ofService('sqs:')) {
        expect(statement.Resource).toEqual([{ 'Fn::GetAtt': ['CommandsQueue', 'Arn'] }]);
        expect(statement.Action.every((a) => a.startsWith('sqs:') && !/Send/.test(a))).toBe(true);
      }
    });
  });

  it('alarms on a non-empty DLQ and on old commands', () => {
    expect(props('CommandsDlqAlarm')).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 0 });
    expect(props('CommandsAgeAlarm')).toMatchObject({ MetricName: 'ApproximateAgeOfOldestMessage', Threshold: 300 });
  });

  it('leaks nothing offline-only into the deployed template', () => {
    const text = JSON.stringify(template);
    expect(text).not.toMatch(/127\.0\.0\.1|localhost|:4566|serverless-offline/);
    // The demo stock `npm run dev` seeds (custom.offlineSeed) is config, never a resource.
    expect(text).not.toMatch(/offlineSeed|STOCK#|SKU-/);
  });
});
