import { DEFAULT_JWT_AUDIENCE, DEFAULT_JWT_ISSUER } from '@mesh/bus';
import {
  deadLetterStatement,
  meshAlarmActions,
  meshEsbuild,
  meshJwtAuthorizers,
  meshOffline,
  mergeFragments,
  subscriptionResources,
  meshBusArn,
  meshProvider,
  serviceDashboard,
} from '@mesh/infra';
import { functionRole, roleId, type Statement } from './iam';
import { cancelOrderFunction } from './src/functions/cancelOrder/config';
import { getOrderFunction } from './src/functions/getOrder/config';
import { listOrdersFunction } from './src/functions/listOrders/config';
import { orderSagaFunction } from './src/functions/orderSaga/config';
import { outboxRelayFunction } from './src/functions/outboxRelay/config';
import { placeOrderFunction } from './src/functions/placeOrder/config';
import { pushOrderStatusFunction } from './src/functions/pushOrderStatus/config';
import { wsAuthorizeFunction } from './src/functions/wsAuthorize/config';
import { wsConnectFunction } from './src/functions/wsConnect/config';
import { wsDisconnectFunction } from './src/functions/wsDisconnect/config';
import { wsSubscribeFunction } from './src/functions/wsSubscribe/config';
import { BY_CUSTOMER_INDEX } from './src/store/ordersTable';
import { orderSaga } from './src/subscriptions';

const mesh = mergeFragments(subscriptionResources(orderSaga));
const table = { 'Fn::GetAtt': ['OrdersTable', 'Arn'] };
const byCustomerIndex = { 'Fn::Join': ['', [table, `/index/${BY_CUSTOMER_INDEX}`]] };
const partitionArn = (service: string, resource: unknown[]) => ({
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      `:${service}:`,
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      ':',
      ...resource,
    ],
  ],
});
// What the management API's PostToConnection is authorized on: this API's stage, POST to a connection.
const postToConnections = partitionArn('execute-api', [{ Ref: 'WebsocketsApi' }, '/${sls:stage}/POST/@connections/*']);
const websocketManagementEndpoint = {
  'Fn::Join': [
    '',
    [
      'https://',
      { Ref: 'WebsocketsApi' },
      '.execute-api.',
      { Ref: 'AWS::Region' },
      '.',
      { Ref: 'AWS::URLSuffix' },
      '/${sls:stage}',
    ],
  ],
};

/**
 * serverless-offline's WebSocket port when this file is loaded by `serverless offline` (the mesh passes
 * `--websocketPort` per service; 3001 is serverless-offline's default), else undefined: serverless-offline
 * implements the management API on that server, and no package ever carries it.
 */
function offlineWebsocketPort(argv: readonly string[]): string | undefined {
  if (!argv.includes('offline')) return undefined;
  const i = argv.findIndex((arg) => arg === '--websocketPort' || arg.startsWith('--websocketPort='));
  if (i < 0) return '3001';
  return argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
}
const offlinePort = offlineWebsocketPort(process.argv);

// The Lambda REQUEST authorizer of `$connect` (wsAuthorize) verifies the `token` query string parameter against
// the jwtIssuer's keys. Attached here rather than on the function's websocket event, so serverless-offline does
// not run it: offline, wsConnect verifies the development token itself (and answers 401 as API Gateway does).
const wsAuthorizerArn = { 'Fn::GetAtt': ['WsAuthorizeLambdaFunction', 'Arn'] };
const websocketAuthorizerResources = {
  WebsocketTokenAuthorizer: {
    Type: 'AWS::ApiGatewayV2::Authorizer',
    Properties: {
      ApiId: { Ref: 'WebsocketsApi' },
      Name: 'websocket-token',
      AuthorizerType: 'REQUEST',
      AuthorizerUri: {
        'Fn::Join': [
          '',
          [
            'arn:',
            { Ref: 'AWS::Partition' },
            ':apigateway:',
            { Ref: 'AWS::Region' },
            ':lambda:path/2015-03-31/functions/',
            wsAuthorizerArn,
            '/invocations',
          ],
        ],
      },
      IdentitySource: ['route.request.querystring.token'],
    },
  },
  WebsocketTokenAuthorizerPermission: {
    Type: 'AWS::Lambda::Permission',
    Properties: {
      Action: 'lambda:InvokeFunction',
      FunctionName: wsAuthorizerArn,
      Principal: 'apigateway.amazonaws.com',
      SourceArn: partitionArn('execute-api', [
        { Ref: 'WebsocketsApi' },
        '/authorizers/',
        { Ref: 'WebsocketTokenAuthorizer' },
      ]),
    },
  },
};

// CloudFront's managed policies: never cache (every answer is per caller) and forward everything but Host
// (API Gateway routes on its own host name), the Authorization header included.
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

const allow = (Sid: string, Action: string[], Resource: unknown[], Condition?: Statement['Condition']): Statement => ({
  Sid,
  Effect: 'Allow',
  Action,
  Resource,
  ...(Condition ? { Condition } : {}),
});
const readOrder = allow('ReadOrders', ['dynamodb:GetItem'], [table]);
// A transaction needs the item actions it holds: Put for new orders and outbox rows, Update for changes.
const writeOrders = allow(
  'WriteOrdersWithOutbox',
  ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  [table],
);
// The WebSocket functions touch connection and subscriber items only (their own partitions), never an order.
const onlyKeys = (...prefixes: string[]) => ({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes } });
const readOwnStream = allow(
  'ReadOwnStream',
  ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'],
  [{ 'Fn::GetAtt': ['OrdersTable', 'StreamArn'] }],
);
const sendToInventory = allow('SendInventoryCommands', ['sqs:SendMessage'], ['${param:inventoryCommandsQueueArn}']);

const roles = {
  placeOrder: [allow('PlaceOrdersWithOutbox', ['dynamodb:PutItem'], [table])],
  getOrder: [readOrder],
  listOrders: [allow('ListByCustomer', ['dynamodb:Query'], [byCustomerIndex])],
  cancelOrder: [writeOrders, sendToInventory],
  orderSaga: [
    writeOrders,
    sendToInventory,
    allow(
      'ConsumeOwnQueue',
      ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
      [{ 'Fn::GetAtt': ['OrderSagaQueue', 'Arn'] }],
    ),
    deadLetterStatement(orderSaga),
  ],
  // Verifies tokens only: it writes its logs and reads the issuer's public keys over HTTPS, nothing of ours.
  wsAuthorize: [],
  wsConnect: [allow('RecordConnections', ['dynamodb:PutItem'], [table], onlyKeys('CONNECTION#*'))],
  wsDisconnect: [allow('ForgetConnections', ['dynamodb:DeleteItem'], [table], onlyKeys('CONNECTION#*'))],
  wsSubscribe: [
    allow('ReadConnectionsAndOrders', ['dynamodb:GetItem'], [table], onlyKeys('CONNECTION#*', 'ORDER#*')),
    allow('RecordSubscribers', ['dynamodb:PutItem'], [table], onlyKeys('SUBSCRIBERS#*')),
  ],
  pushOrderStatus: [
    readOwnStream,
    allow('FindSubscribers', ['dynamodb:Query'], [table], onlyKeys('SUBSCRIBERS#*')),
    allow('ForgetGoneConnections', ['dynamodb:DeleteItem'], [table], onlyKeys('SUBSCRIBERS#*', 'CONNECTION#*')),
    allow('PushToConnections', ['execute-api:ManageConnections'], [postToConnections]),
  ],
  outboxRelay: [
    readOwnStream,
    allow('PublishOwnEventsOnly', ['events:PutEvents'], [meshBusArn], {
      StringEquals: { 'events:source': 'mesh.orders' },
    }),
    allow('DeadLetterUnrelayable', ['sqs:SendMessage'], [{ 'Fn::GetAtt': ['OutboxRelayDlq', 'Arn'] }]),
  ],
} satisfies Record<string, Statement[]>;

const functions = {
  placeOrder: placeOrderFunction,
  getOrder: getOrderFunction,
  listOrders: listOrdersFunction,
  cancelOrder: cancelOrderFunction,
  orderSaga: orderSagaFunction,
  outboxRelay: outboxRelayFunction,
  wsAuthorize: wsAuthorizeFunction,
  wsConnect: wsConnectFunction,
  wsDisconnect: wsDisconnectFunction,
  wsSubscribe: wsSubscribeFunction,
  pushOrderStatus: {
    ...pushOrderStatusFunction,
    environment: {
      WEBSOCKET_MANAGEMENT_ENDPOINT: offlinePort ? `http://127.0.0.1:${offlinePort}` : websocketManagementEndpoint,
    },
  },
};

const dashboard = serviceDashboard({
  service: 'orders',
  declarations: [orderSaga],
  functions: Object.keys(functions),
  deadLetterQueues: ['orders-${sls:stage}-outbox-relay-dlq'],
});

module.exports = {
  service: 'orders',
  plugins: ['serverless-esbuild', 'serverless-offline'],
  params: {
    // serverless-compose passes the real values on deploy; `package` runs before any output exists, so the
    // queue defaults name inventory's queue in a placeholder account.
    default: {
      eventBusName: 'mesh-${sls:stage}',
      inventoryCommandsQueueUrl:
        'https://sqs.${self:provider.region}.amazonaws.com/000000000000/inventory-${sls:stage}-commands.fifo',
      inventoryCommandsQueueArn:
        'arn:aws:sqs:${self:provider.region}:000000000000:inventory-${sls:stage}-commands.fifo',
      jwtIssuer: DEFAULT_JWT_ISSUER,
      jwtAudience: DEFAULT_JWT_AUDIENCE,
    },
  },
  provider: {
    ...meshProvider,
    // osls's own deployment bucket (code and templates): private, like every bucket of the mesh.
    deploymentBucket: { blockPublicAccess: true },
    environment: {
      ORDERS_TABLE: { Ref: 'OrdersTable' },
      EVENT_BUS_NAME: '${param:eventBusName}',
      INVENTORY_COMMANDS_QUEUE_URL: '${param:inventoryCommandsQueueUrl}',
      JWT_ISSUER: '${param:jwtIssuer}',
      JWT_AUDIENCE: '${param:jwtAudience}',
      POWERTOOLS_SERVICE_NAME: 'orders',
      NODE_OPTIONS: '--enable-source-maps',
    },
    websocketsDescription: 'orders-${sls:stage} order status',
    httpApi: {
      authorizers: meshJwtAuthorizers,
    },
  },
  custom: {
    'serverless-offline': meshOffline,
    esbuild: meshEsbuild,
  },
  functions: Object.fromEntries(Object.entries(functions).map(([name, fn]) => [name, { ...fn, role: roleId(name) }])),
  resources: {
    Resources: {
      OrdersTable: {
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          TableName: 'orders-${sls:stage}',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [
            { AttributeName: 'pk', AttributeType: 'S' },
            { AttributeName: 'sk', AttributeType: 'S' },
            { AttributeName: 'gsi1pk', AttributeType: 'S' },
            { AttributeName: 'gsi1sk', AttributeType: 'S' },
          ],
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          GlobalSecondaryIndexes: [
            {
              IndexName: BY_CUSTOMER_INDEX,
              KeySchema: [
                { AttributeName: 'gsi1pk', KeyType: 'HASH' },
                { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'ALL' },
            },
          ],
          // The outbox relay reads new outbox rows from here; pushOrderStatus reads order changes.
          StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
          // Outbox rows expire once relayed long ago, WebSocket connections and subscribers once API Gateway has
          // closed them; orders carry no expiresAt and never expire.
          TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
          SSESpecification: { SSEEnabled: true },
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        },
      },
      OutboxRelayDlq: {
        Type: 'AWS::SQS::Queue',
        Properties: {
          QueueName: 'orders-${sls:stage}-outbox-relay-dlq',
          MessageRetentionPeriod: 14 * 24 * 3600,
          SqsManagedSseEnabled: true,
        },
      },
      OutboxRelayDlqAlarm: {
        Type: 'AWS::CloudWatch::Alarm',
        Properties: {
          AlarmDescription: 'Outbox rows could not be relayed to the bus after every retry',
          ...meshAlarmActions,
          Namespace: 'AWS/SQS',
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['OutboxRelayDlq', 'QueueName'] } }],
          Statistic: 'Maximum',
          Period: 60,
          EvaluationPeriods: 1,
          Threshold: 0,
          ComparisonOperator: 'GreaterThanThreshold',
          TreatMissingData: 'notBreaching',
        },
      },
      ApiDistribution: {
        Type: 'AWS::CloudFront::Distribution',
        Properties: {
          DistributionConfig: {
            Enabled: true,
            Comment: 'orders-${sls:stage} HTTP API',
            HttpVersion: 'http2and3',
            PriceClass: 'PriceClass_100',
            Origins: [
              {
                Id: 'orders-http-api',
                // ApiEndpoint is https://<id>.execute-api.<region>.amazonaws.com: keep the host name only.
                DomainName: { 'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::GetAtt': ['HttpApi', 'ApiEndpoint'] }] }] },
                CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
              },
            ],
            DefaultCacheBehavior: {
              TargetOriginId: 'orders-http-api',
              ViewerProtocolPolicy: 'redirect-to-https',
              AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
              CachedMethods: ['GET', 'HEAD'],
              CachePolicyId: CACHING_DISABLED,
              OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
              Compress: true,
            },
          },
        },
      },
      ...Object.fromEntries(
        Object.entries(roles).map(([name, statements]) => [roleId(name), functionRole(name, statements)]),
      ),
      ...websocketAuthorizerResources,
      ...mesh.Resources,
      ...dashboard.Resources,
    },
    extensions: {
      SconnectWebsocketsRoute: {
        Properties: {
          AuthorizationType: 'CUSTOM',
          AuthorizerId: { Ref: 'WebsocketTokenAuthorizer' },
        },
      },
    },
    Outputs: {
      ...mesh.Outputs,
      ...dashboard.Outputs,
      ApiDistributionDomainName: {
        Value: { 'Fn::GetAtt': ['ApiDistribution', 'DomainName'] },
        Description: 'The orders API through CloudFront',
      },
      OrdersTableName: { Value: { Ref: 'OrdersTable' } },
      WebsocketUrl: {
        Value: {
          'Fn::Join': [
            '',
            [
              'wss://',
              { Ref: 'WebsocketsApi' },
              '.execute-api.',
              { Ref: 'AWS::Region' },
              '.',
              { Ref: 'AWS::URLSuffix' },
              '/${sls:stage}',
            ],
          ],
        },
        Description:
          'Order status over WebSocket: connect with ?token=<JWT>, send {"action":"subscribe","orderId":"…"}',
      },
    },
  },
};
