import {
  commandChannelResources,
  meshEsbuild,
  meshJwtAuthorizers,
  meshOffline,
  mergeFragments,
  meshProvider,
  serviceDashboard,
  functionRoles,
} from '@mesh/infra';
import { inventoryCommands } from './src/declarations';
import { commandsFunction } from './src/functions/commands/config';
import { getStockFunction } from './src/functions/getStock/config';
import { putStockFunction } from './src/functions/putStock/config';

const mesh = mergeFragments(commandChannelResources(inventoryCommands));
// Each function gets its own role from what its config.ts says it touches (and what its trigger needs).
const { functions, roles } = functionRoles('inventory', {
  commands: commandsFunction,
  putStock: putStockFunction,
  getStock: getStockFunction,
});
const dashboard = serviceDashboard({
  service: 'inventory',
  declarations: [inventoryCommands],
  functions: Object.keys(functions),
});

module.exports = {
  service: 'inventory',
  plugins: ['serverless-esbuild', 'serverless-offline'],
  params: {
    // serverless-compose passes the real values on deploy; `package` runs before any output exists.
    default: {
      eventBusName: 'mesh-${sls:stage}',
      jwtIssuer: 'https://auth.mesh.example.com/',
      jwtAudience: 'mesh-api',
    },
  },
  provider: {
    ...meshProvider,
    // osls's own deployment bucket (code and templates): private, like every bucket of the mesh.
    deploymentBucket: { blockPublicAccess: true },
    environment: {
      INVENTORY_TABLE: { Ref: 'InventoryTable' },
      EVENT_BUS_NAME: '${param:eventBusName}',
      POWERTOOLS_SERVICE_NAME: 'inventory',
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
      InventoryTable: {
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          TableName: 'inventory-${sls:stage}',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [
            { AttributeName: 'pk', AttributeType: 'S' },
            { AttributeName: 'sk', AttributeType: 'S' },
          ],
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          // Only Powertools' idempotency records carry `expiration`; stock and reservations never expire.
          TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
          SSESpecification: { SSEEnabled: true },
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        },
      },
      ...roles,
      ...mesh.Resources,
      ...dashboard.Resources,
    },
    Outputs: {
      ...mesh.Outputs,
      ...dashboard.Outputs,
      InventoryTableName: { Value: { Ref: 'InventoryTable' }, Description: 'inventory table' },
    },
  },
};
