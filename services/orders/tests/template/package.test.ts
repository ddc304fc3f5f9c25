import path from 'node:path';
import { OrderPlaced, PaymentCaptured, PaymentDeclined, StockRejected, StockReserved } from '@mesh/contracts';
import { packageService, resourcesOfType, type CloudFormationTemplate } from '@mesh/testing';

interface PolicyStatement {
  Sid: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

/**
 * Proves what `serverless package` makes of the orders service: every route behind the JWT authorizer,
 * the outbox stream mapping, the saga's subscription, one least-privilege role per function, CloudFront
 * in front, and nothing offline-only in the deployed template.
 */
describe('serverless package of orders', () => {
  let template: CloudFormationTemplate;
  beforeAll(async () => {
    template = await packageService(path.resolve(__dirname, '../..'), 'ci');
  }, 180_000);

  const props = (id: string) => {
    const resource = template.Resources[id];
    if (!resource) throw new Error(`no resource ${id} in ${Object.keys(template.Resources).join(', ')}`);
    return resource.Properties as Record<string, unknown>;
  };
  const streamMappingOf = (functionId: string) =>
    Object.values(resourcesOfType(template, 'AWS::Lambda::EventSourceMapping')).find(
      (m) =>
        JSON.stringify(m.Properties.EventSourceArn) ===
          JSON.stringify({ 'Fn::GetAtt': ['OrdersTable', 'StreamArn'] }) &&
        JSON.stringify(m.Properties.FunctionName) === JSON.stringify({ 'Fn::GetAtt': [functionId, 'Arn'] }),
    );
  const statementsOf = (roleId: string) =>
    (props(roleId).Policies as { PolicyDocument: { Statement: PolicyStatement[] } }[]).flatMap(
      (p) => p.PolicyDocument.Statement,
    );

  it('deploys every function on nodejs22.x, each with a role of its own', () => {
    const functions = Object.values(resourcesOfType(template, 'AWS::Lambda::Function'));
    expect(functions.map((f) => f.Properties.FunctionName).sort()).toEqual(
      [
        'cancelOrder',
        'getOrder',
        'listOrders',
        'orderSaga',
        'outboxRelay',
        'placeOrder',
        'pushOrderStatus',
        'wsAuthorize',
        'wsConnect',
        'wsDisconnect',
        'wsSubscribe',
      ].map((n) => `orders-ci-${n}`),
    );
    const roles = new Set(functions.map((f) => JSON.stringify(f.Properties.Role)));
    expect(roles.size).toBe(functions.length);
    for (const fn of functions) expect(fn.Properties.Runtime).toBe('nodejs22.x');
    expect(template.Resources.IamRoleLambdaExecution).toBeUndefined();
  });

  it('puts every route behind the JWT authorizer with the issuer and audience params', () => {
    const routes = Object.values(resourcesOfType(template, 'AWS::ApiGatewayV2::Route')).filter(
      (r) => JSON.stringify(r.Properties.ApiId) === JSON.stringify({ Ref: 'HttpApi' }),
    );
    expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual([
      'GET /orders',
      'GET /orders/{id}',
      'POST /orders',
      'POST /orders/{id}/cancel',
    ]);
    for (const route of routes) {
      expect(route.Properties).toMatchObject({
        AuthorizationType: 'JWT',
        AuthorizerId: { Ref: 'HttpApiAuthorizerMeshJwt' },
      });
    }
    expect(props('HttpApiAuthorizerMeshJwt')).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: 'https://auth.mesh.example.com/', Audience: ['mesh-api'] },
    });
  });

  it('owns a single table: encrypted, recoverable, on demand, streaming new images, with TTL on expiresAt', () => {
    expect(props('OrdersTable')).toMatchObject({
      TableName: 'orders-ci',
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      SSESpecification: { SSEEnabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('relays the outbox from the stream: outbox INSERTs only, partial batch failures, a DLQ after retries', () => {
    const mapping = streamMappingOf('OutboxRelayLambdaFunction');
    expect(mapping?.Properties).toMatchObject({
      StartingPosition: 'TRIM_HORIZON',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      FunctionName: { 'Fn::GetAtt': ['OutboxRelayLambdaFunction', 'Arn'] },
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['OutboxRelayDlq', 'Arn'] } } },
    });
    const filters = (mapping!.Properties.FilterCriteria as unknown as { Filters: { Pattern: string }[] }).Filters;
    expect(filters.map((f) => JSON.parse(f.Pattern))).toEqual([
      { eventName: ['INSERT'], dynamodb: { NewImage: { kind: { S: ['outbox'] } } } },
    ]);
  });

  it("routes exactly the saga's events from their owners to its queue, triggering it with partial batch responses", () => {
    expect(props('OrderSagaRule')).toMatchObject({
      EventBusName: 'mesh-ci',
      EventPattern: {
        source: ['mesh.inventory', 'mesh.orders', 'mesh.payments'],
        'detail-type': [OrderPlaced, PaymentCaptured, PaymentDeclined, StockRejected, StockReserved]
          .map((c) => c.detailType)
          .sort(),
      },
      Targets: [expect.objectContaining({ Arn: { 'Fn::GetAtt': ['OrderSagaQueue', 'Arn'] } })],
    });
    expect(props('OrderSagaEventSourceMappingSQSOrderSagaQueue')).toMatchObject({
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      EventSourceArn: { 'Fn::GetAtt': ['OrderSagaQueue', 'Arn'] },
    });
  });

  it('grants no wildcard action and no more than each function uses', () => {
    const roles = Object.keys(resourcesOfType(template, 'AWS::IAM::Role'));
    for (const role of roles) {
      for (const statement of statementsOf(role)) {
        for (const action of [statement.Action].flat()) expect(action).not.toMatch(/\*/);
        expect(JSON.stringify(statement.Resource)).not.toBe('"*"');
      }
    }
    const actions = (role: string) => statementsOf(role).flatMap((s) => [s.Action].flat());
    // X-Ray's two actions take no narrower resource than '*'; Lambda refuses active tracing without them.
    expect(actions('GetOrderRole')).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'xray:PutTraceSegments',
      'xray:PutTelemetryRecords',
      'dynamodb:GetItem',
    ]);
    expect(actions('ListOrdersRole')).not.toContain('dynamodb:PutItem');
    expect(actions('PlaceOrderRole')).not.toContain('events:PutEvents');
    expect(actions('OrderSagaRole')).toContain('sqs:SendMessage');
  });

  it('lets only the relay publish, and only as mesh.orders on the stage bus', () => {
    const publishers = Object.keys(resourcesOfType(template, 'AWS::IAM::Role')).filter((role) =>
      statementsOf(role).some((s) => [s.Action].flat().includes('events:PutEvents')),
    );
    expect(publishers).toEqual(['OutboxRelayRole']);
    const publish = statementsOf('OutboxRelayRole').find((s) => s.Sid === 'PublishOwnEventsOnly');
    expect(publish?.Condition).toEqual({ StringEquals: { 'events:source': 'mesh.orders' } });
    expect(JSON.stringify(publish?.Resource)).toContain(':event-bus/mesh-ci');
  });

  it('sends commands only to the inventory queue of the param', () => {
    const send = statementsOf('OrderSagaRole').find((s) => s.Sid === 'SendInventoryCommands');
    expect(send?.Resource).toEqual(['arn:aws:sqs:us-east-1:000000000000:inventory-ci-commands.fifo']);
  });

  it('serves the API through CloudFront without caching', () => {
    const distribution = props('ApiDistribution').DistributionConfig as Record<string, unknown>;
    expect(distribution).toMatchObject({
      Enabled: true,
      DefaultCacheBehavior: {
        ViewerProtocolPolicy: 'redirect-to-https',
        CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
        AllowedMethods: expect.arrayContaining(['POST', 'GET']),
      },
    });
    expect(JSON.stringify(distribution.Origins)).toContain('"HttpApi","ApiEndpoint"');
  });

  describe('the WebSocket API', () => {
    it("routes $connect, $disconnect and subscribe (by the body's action) to their functions", () => {
      expect(props('WebsocketsApi')).toMatchObject({
        ProtocolType: 'WEBSOCKET',
        RouteSelectionExpression: '$request.body.action',
      });
      const routes = Object.values(resourcesOfType(template, 'AWS::ApiGatewayV2::Route')).filter(
        (r) => JSON.stringify(r.Properties.ApiId) === JSON.stringify({ Ref: 'WebsocketsApi' }),
      );
      const targets = Object.fromEntries(
        routes.map((r) => [r.Properties.RouteKey, JSON.stringify(r.Properties.Target)]),
      );
      expect(Object.keys(targets).sort()).toEqual(['$connect', '$disconnect', 'subscribe']);
      expect(targets.$connect).toContain('WsConnectWebsocketsIntegration');
      expect(targets.$disconnect).toContain('WsDisconnectWebsocketsIntegration');
      expect(targets.subscribe).toContain('WsSubscribeWebsocketsIntegration');
      // The answer to subscribe (the order's status) goes back to the client.
      expect(props('subscribeWebsocketsRoute').RouteResponseSelectionExpression).toBe('$default');
      expect(props('subscribeWebsocketsRouteResponse').RouteResponseKey).toBe('$default');
    });

    it("guards $connect with the service's own token authorizer, which may invoke nothing but its own logs", () => {
      const authorizerArn = { 'Fn::GetAtt': ['WsAuthorizeLambdaFunction', 'Arn'] };
      expect(props('SconnectWebsocketsRoute')).toMatchObject({
        AuthorizationType: 'CUSTOM',
        AuthorizerId: { Ref: 'WebsocketTokenAuthorizer' },
      });
      expect(props('WebsocketTokenAuthorizer')).toMatchObject({
        ApiId: { Ref: 'WebsocketsApi' },
        AuthorizerType: 'REQUEST',
        IdentitySource: ['route.request.querystring.token'],
      });
      expect(JSON.stringify(props('WebsocketTokenAuthorizer').AuthorizerUri)).toContain(JSON.stringify(authorizerArn));
      expect(props('WebsocketTokenAuthorizerPermission')).toMatchObject({
        Action: 'lambda:InvokeFunction',
        FunctionName: authorizerArn,
        Principal: 'apigateway.amazonaws.com',
      });
      expect(props('WsAuthorizeLambdaFunction').Environment).toMatchObject({
        Variables: expect.objectContaining({ JWT_ISSUER: expect.any(String), JWT_AUDIENCE: expect.any(String) }),
      });
      // No event of the function's own: serverless-offline must not run it (wsConnect verifies offline).
      expect(Object.keys(template.Resources).filter((id) => id.startsWith('WsAuthorize'))).not.toContain(
        'WsAuthorizeWebsocketsIntegration',
      );
    });

    it('pushes from a second stream consumer that sees only order changes', () => {
      const mapping = streamMappingOf('PushOrderStatusLambdaFunction');
      expect(mapping?.Properties).toMatchObject({
        StartingPosition: 'LATEST',
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        MaximumRetryAttempts: 2,
      });
      const filters = (mapping!.Properties.FilterCriteria as unknown as { Filters: { Pattern: string }[] }).Filters;
      expect(filters.map((f) => JSON.parse(f.Pattern))).toEqual([
        { eventName: ['MODIFY'], dynamodb: { NewImage: { kind: { S: ['order'] } } } },
      ]);
      const variables = (props('PushOrderStatusLambdaFunction').Environment as { Variables: Record<string, unknown> })
        .Variables;
      expect(JSON.stringify(variables.WEBSOCKET_MANAGEMENT_ENDPOINT)).toBe(
        JSON.stringify({
          'Fn::Join': [
            '',
            [
              'https://',
              { Ref: 'WebsocketsApi' },
              '.execute-api.',
              { Ref: 'AWS::Region' },
              '.',
              { Ref: 'AWS::URLSuffix' },
              '/ci',
            ],
          ],
        }),
      );
    });

    it('lets only the pusher post to connections, and only to this API’s stage', () => {
      const managers = Object.keys(resourcesOfType(template, 'AWS::IAM::Role')).filter((role) =>
        statementsOf(role).some((s) => [s.Action].flat().includes('execute-api:ManageConnections')),
      );
      expect(managers).toEqual(['PushOrderStatusRole']);
      const manage = statementsOf('PushOrderStatusRole').find((s) => s.Sid === 'PushToConnections');
      expect(manage?.Action).toEqual(['execute-api:ManageConnections']);
      expect(JSON.stringify(manage?.Resource)).toContain('{"Ref":"WebsocketsApi"},"/ci/POST/@connections/*"');
    });

    it('keeps the WebSocket functions to connection and subscriber items, never an order’s (but reading one)', () => {
      const keysOf = (role: string) =>
        Object.fromEntries(
          statementsOf(role)
            .filter((s) => s.Sid !== 'ReadTriggerStream' && [s.Action].flat().some((a) => a.startsWith('dynamodb:')))
            .map((s) => [
              [s.Action].flat().join(','),
              (s.Condition as { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': string[] } })[
                'ForAllValues:StringLike'
              ]['dynamodb:LeadingKeys'],
            ]),
        );
      expect(keysOf('WsConnectRole')).toEqual({ 'dynamodb:PutItem': ['CONNECTION#*'] });
      expect(keysOf('WsDisconnectRole')).toEqual({ 'dynamodb:DeleteItem': ['CONNECTION#*'] });
      expect(keysOf('WsSubscribeRole')).toEqual({
        'dynamodb:GetItem': ['CONNECTION#*', 'ORDER#*'],
        'dynamodb:PutItem': ['SUBSCRIBERS#*'],
      });
      expect(keysOf('PushOrderStatusRole')).toEqual({
        'dynamodb:Query': ['SUBSCRIBERS#*'],
        'dynamodb:DeleteItem': ['SUBSCRIBERS#*', 'CONNECTION#*'],
      });
    });
  });

  it('leaks nothing offline-only into the deployed template', () => {
    const text = JSON.stringify(template);
    expect(text).not.toMatch(/127\.0\.0\.1|localhost|:4566|serverless-offline|IS_OFFLINE|MESH_DEV_JWT_SECRET/);
  });
});
