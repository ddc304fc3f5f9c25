import {
  commandChannelResources,
  meshEsbuild,
  meshJwtAuthorizers,
  meshOffline,
  mergeFragments,
  meshBusArn,
  meshProvider,
  serviceDashboard,
} from '@mesh/infra';
import { inventoryCommands } from './src/commandChannel';
import { commandsFunction } from './src/functions/commands/config';
import { getStockFunction } from './src/functions/getStock/config';
import { putStockFunction } from './src/functions/putStock/config';

const mesh = mergeFragments(commandChannelResources(inventoryCommands));
const functions = { commands: commandsFunction, putStock: putStockFunction, getStock: getStockFunction };
const dashboard = serviceDashboard({
  service: 'inventory',
  declarations: [inventoryCommands],
  functions: Object.keys(functions),
});
const table = { 'Fn::GetAtt': ['InventoryTable', 'Arn'] };

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
    iam: {
      role: {
        // osls gives every function of a service one role; these are the union of what they use. The sqs
        // actions on the command queue (only) are added by osls itself from the function's sqs event.
        statements: [
          {
            Sid: 'OwnTableOnly',
            Effect: 'Allow',
            // Transactions need the item actions they contain; DeleteItem is Powertools' cleanup on failure.
            Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
            Resource: [table],
          },
          {
            Sid: 'PublishOwnEventsOnly',
            Effect: 'Allow',
            Action: ['events:PutEvents'],
            Resource: [meshBusArn],
            Condition: { StringEquals: { 'events:source': 'mesh.inventory' } },
          },
        ],
      },
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
