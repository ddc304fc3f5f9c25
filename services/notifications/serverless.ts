import { DEFAULT_JWT_AUDIENCE, DEFAULT_JWT_ISSUER } from '@mesh/bus';
import {
  deadLetterStatement,
  meshEsbuild,
  meshJwtAuthorizers,
  meshOffline,
  mergeFragments,
  subscriptionResources,
  meshProvider,
  meshXrayStatement,
  serviceDashboard,
} from '@mesh/infra';
import { listNotificationsFunction } from './src/functions/listNotifications/config';
import { orderLifecycleFunction } from './src/functions/orderLifecycle/config';
import { orderLifecycle } from './src/subscriptions';

const mesh = mergeFragments(subscriptionResources(orderLifecycle));
const table = { 'Fn::GetAtt': ['NotificationsTable', 'Arn'] };

// The API reads with a role of its own (Query, nothing else); the subscriber keeps the provider's role,
// where osls adds what its queue trigger needs.
const listNotificationsRole = {
  Type: 'AWS::IAM::Role',
  Properties: {
    Description: 'notifications/listNotifications: least privilege',
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    },
    Policies: [
      {
        PolicyName: 'listNotifications-least-privilege',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'OwnLogsOnly',
              Effect: 'Allow',
              Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              Resource: [{ 'Fn::GetAtt': ['ListNotificationsLogGroup', 'Arn'] }],
            },
            { Sid: 'QueryNotifications', Effect: 'Allow', Action: ['dynamodb:Query'], Resource: [table] },
            // Every function is traced (meshProvider): Lambda refuses active tracing without it.
            meshXrayStatement,
          ],
        },
      },
    ],
  },
};

const dashboard = serviceDashboard({
  service: 'notifications',
  declarations: [orderLifecycle],
  functions: ['orderLifecycle', 'listNotifications'],
});

module.exports = {
  service: 'notifications',
  plugins: ['serverless-esbuild', 'serverless-offline'],
  params: {
    // serverless-compose passes the real values on deploy; `package` runs before any output exists.
    default: { eventBusName: 'mesh-${sls:stage}', jwtIssuer: DEFAULT_JWT_ISSUER, jwtAudience: DEFAULT_JWT_AUDIENCE },
  },
  provider: {
    ...meshProvider,
    // osls's own deployment bucket (code and templates): private, like every bucket of the mesh.
    deploymentBucket: { blockPublicAccess: true },
    environment: {
      NOTIFICATIONS_TABLE: { Ref: 'NotificationsTable' },
      JWT_ISSUER: '${param:jwtIssuer}',
      JWT_AUDIENCE: '${param:jwtAudience}',
      POWERTOOLS_SERVICE_NAME: 'notifications',
      NODE_OPTIONS: '--enable-source-maps',
    },
    iam: {
      role: {
        statements: [
          {
            Effect: 'Allow',
            Action: ['dynamodb:PutItem', 'dynamodb:GetItem'],
            Resource: [table],
          },
          // Messages it gives up on go to its own DLQ at once, with their reason.
          deadLetterStatement(orderLifecycle),
        ],
      },
    },
    httpApi: {
      authorizers: meshJwtAuthorizers,
    },
  },
  custom: {
    'serverless-offline': meshOffline,
    esbuild: meshEsbuild,
  },
  functions: {
    orderLifecycle: orderLifecycleFunction,
    listNotifications: { ...listNotificationsFunction, role: 'ListNotificationsRole' },
  },
  resources: {
    Resources: {
      NotificationsTable: {
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          TableName: 'notifications-${sls:stage}',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [
            { AttributeName: 'customerId', AttributeType: 'S' },
            { AttributeName: 'sk', AttributeType: 'S' },
          ],
          KeySchema: [
            { AttributeName: 'customerId', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          SSESpecification: { SSEEnabled: true },
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        },
      },
      ListNotificationsRole: listNotificationsRole,
      ...mesh.Resources,
      ...dashboard.Resources,
    },
    Outputs: { ...mesh.Outputs, ...dashboard.Outputs },
  },
};
