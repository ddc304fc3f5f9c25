import { DEFAULT_JWT_AUDIENCE, DEFAULT_JWT_ISSUER } from '@mesh/bus';
import {
  meshEsbuild,
  meshJwtAuthorizers,
  meshOffline,
  mergeFragments,
  subscriptionResources,
  meshProvider,
  serviceDashboard,
  functionRoles,
} from '@mesh/infra';
import { listNotificationsFunction } from './src/functions/listNotifications/config';
import { orderLifecycleFunction } from './src/functions/orderLifecycle/config';
import { orderLifecycle } from './src/declarations';

const mesh = mergeFragments(subscriptionResources(orderLifecycle));

// Each function gets its own role from what its config.ts says it touches (and what its trigger needs).
const { functions, roles } = functionRoles('notifications', {
  orderLifecycle: orderLifecycleFunction,
  listNotifications: listNotificationsFunction,
});

const dashboard = serviceDashboard({
  service: 'notifications',
  declarations: [orderLifecycle],
  functions: Object.keys(functions),
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
    httpApi: {
      authorizers: meshJwtAuthorizers,
    },
  },
  custom: {
    'serverless-offline': meshOffline,
    esbuild: meshEsbuild,
  },
  functions,
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
      ...roles,
      ...mesh.Resources,
      ...dashboard.Resources,
    },
    Outputs: { ...mesh.Outputs, ...dashboard.Outputs },
  },
};
