import {
  deadLetterStatement,
  commandChannelResources,
  meshEsbuild,
  meshJwtAuthorizers,
  meshOffline,
  mergeFragments,
  meshBusArn,
  meshProvider,
  meshXrayStatement,
  serviceDashboard,
} from '@mesh/infra';
import { inventoryCommands } from './src/commandChannel';
import { commandsFunction } from './src/functions/commands/config';
import { getStockFunction } from './src/functions/getStock/config';
import { putStockFunction } from './src/functions/putStock/config';
import { demoStockItems } from './src/store/demoStock';

const mesh = mergeFragments(commandChannelResources(inventoryCommands));
const functions = { commands: commandsFunction, putStock: putStockFunction, getStock: getStockFunction };
const dashboard = serviceDashboard({
  service: 'inventory',
  declarations: [inventoryCommands],
  functions: Object.keys(functions),
});
const table = { 'Fn::GetAtt': ['InventoryTable', 'Arn'] };

// GET /stock reads with a role of its own (GetItem, nothing else): the provider's role is the union of what
// the command handler and PUT /stock need (writes, PutEvents), which a read route must not hold.
const getStockRole = {
  Type: 'AWS::IAM::Role',
  Properties: {
    Description: 'inventory/getStock: least privilege',
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    },
    Policies: [
      {
        PolicyName: 'getStock-least-privilege',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'OwnLogsOnly',
              Effect: 'Allow',
              Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              Resource: [{ 'Fn::GetAtt': ['GetStockLogGroup', 'Arn'] }],
            },
            { Sid: 'ReadStock', Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: [table] },
            // Every function is traced (meshProvider): Lambda refuses active tracing without it.
            meshXrayStatement,
          ],
        },
      },
    ],
  },
};

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
          // Commands it gives up on go to its own DLQ at once, with their reason and group.
          deadLetterStatement(inventoryCommands),
        ],
      },
    },
  },
  custom: {
    'serverless-offline': meshOffline,
    esbuild: meshEsbuild,
    // Demo stock `npm run dev` writes after provisioning (@mesh/offline's seed): config, not CloudFormation,
    // so it never reaches AWS.
    offlineSeed: { InventoryTable: demoStockItems() },
  },
  functions: { ...functions, getStock: { ...getStockFunction, role: 'GetStockRole' } },
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
      GetStockRole: getStockRole,
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
