import { mergeFragments, subscriptionResources } from '@mesh/infra';
import { orderLifecycleFunction } from './src/functions/orderLifecycle/config';
import { orderLifecycle } from './src/subscriptions';

const mesh = mergeFragments(subscriptionResources(orderLifecycle));

module.exports = {
  service: 'notifications',
  plugins: ['serverless-esbuild', 'serverless-offline'],
  params: {
    // serverless-compose passes the real values on deploy; `package` runs before any output exists.
    default: { eventBusName: 'mesh-${sls:stage}' },
  },
  provider: {
    name: 'aws',
    runtime: 'nodejs22.x',
    architecture: 'arm64',
    stage: '${opt:stage, "dev"}',
    region: '${opt:region, "us-east-1"}',
    memorySize: 256,
    timeout: 30,
    logRetentionInDays: 14,
    environment: {
      NOTIFICATIONS_TABLE: { Ref: 'NotificationsTable' },
      POWERTOOLS_SERVICE_NAME: 'notifications',
      NODE_OPTIONS: '--enable-source-maps',
    },
    iam: {
      role: {
        statements: [
          {
            Effect: 'Allow',
            Action: ['dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:GetItem'],
            Resource: [{ 'Fn::GetAtt': ['NotificationsTable', 'Arn'] }],
          },
        ],
      },
    },
  },
  custom: {
    esbuild: {
      bundle: true,
      minify: true,
      sourcemap: 'linked',
      target: 'node22',
      platform: 'node',
      // The Lambda runtime ships SDK v3; bundling it would only grow cold starts.
      exclude: ['@aws-sdk/*'],
    },
  },
  functions: {
    orderLifecycle: orderLifecycleFunction,
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
      ...mesh.Resources,
    },
    Outputs: mesh.Outputs,
  },
};
