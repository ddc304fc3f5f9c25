import {
  deadLetterStatement,
  meshEsbuild,
  mergeFragments,
  subscriptionResources,
  meshBusArn,
  meshProvider,
  serviceDashboard,
} from '@mesh/infra';
import { PaymentCaptured } from '@mesh/contracts';
import { orderEventsFunction } from './src/functions/orderEvents/config';
import { orderEvents } from './src/subscriptions';

const mesh = mergeFragments(subscriptionResources(orderEvents));
const dashboard = serviceDashboard({ service: 'payments', declarations: [orderEvents], functions: ['orderEvents'] });
const tableArn = { 'Fn::GetAtt': ['PaymentsTable', 'Arn'] };
const bucketArn = { 'Fn::GetAtt': ['ReceiptsBucket', 'Arn'] };

module.exports = {
  service: 'payments',
  plugins: ['serverless-esbuild', 'serverless-offline'],
  params: {
    // serverless-compose passes the real values on deploy; `package` runs before any output exists.
    default: { eventBusName: 'mesh-${sls:stage}', paymentProvider: 'fake' },
  },
  provider: {
    ...meshProvider,
    // osls's own deployment bucket (code and templates): private, like every bucket of the mesh.
    deploymentBucket: { blockPublicAccess: true },
    environment: {
      PAYMENTS_TABLE: { Ref: 'PaymentsTable' },
      RECEIPTS_BUCKET: { Ref: 'ReceiptsBucket' },
      EVENT_BUS_NAME: '${param:eventBusName}',
      PAYMENT_PROVIDER: '${param:paymentProvider}',
      POWERTOOLS_SERVICE_NAME: 'payments',
      NODE_OPTIONS: '--enable-source-maps',
    },
    iam: {
      role: {
        // osls gives these to every function of the service; it has one, the order-events subscriber.
        statements: [
          {
            // Payments: get, conditional put. Idempotency records: get, put, update, delete on failure.
            Effect: 'Allow',
            Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
            Resource: [tableArn],
          },
          {
            Effect: 'Allow',
            Action: ['s3:PutObject'],
            Resource: [{ 'Fn::Join': ['', [bucketArn, '/receipts/*']] }],
          },
          {
            Effect: 'Allow',
            Action: ['events:PutEvents'],
            Resource: [meshBusArn],
            // It may speak only as itself on the bus.
            Condition: { StringEquals: { 'events:source': PaymentCaptured.source } },
          },
          // Messages it gives up on go to its own DLQ at once, with their reason.
          deadLetterStatement(orderEvents),
        ],
      },
    },
  },
  custom: {
    esbuild: meshEsbuild,
  },
  functions: {
    orderEvents: orderEventsFunction,
  },
  resources: {
    Resources: {
      PaymentsTable: {
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          TableName: 'payments-${sls:stage}',
          BillingMode: 'PAY_PER_REQUEST',
          // Single table: payments at PAYMENT#<orderId>/PAYMENT, idempotency records at IDEMPOTENCY/<key>.
          AttributeDefinitions: [
            { AttributeName: 'pk', AttributeType: 'S' },
            { AttributeName: 'sk', AttributeType: 'S' },
          ],
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          // Only idempotency records carry `expiration`; payments are kept.
          TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
          SSESpecification: { SSEEnabled: true },
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        },
      },
      ReceiptsBucket: {
        Type: 'AWS::S3::Bucket',
        // Receipts are records of money taken: they outlive the stack.
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: {
          BucketEncryption: {
            ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
          },
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            BlockPublicPolicy: true,
            IgnorePublicAcls: true,
            RestrictPublicBuckets: true,
          },
          OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
          VersioningConfiguration: { Status: 'Enabled' },
        },
      },
      ReceiptsBucketPolicy: {
        Type: 'AWS::S3::BucketPolicy',
        Properties: {
          Bucket: { Ref: 'ReceiptsBucket' },
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'DenyInsecureTransport',
                Effect: 'Deny',
                Principal: '*',
                Action: 's3:*',
                Resource: [bucketArn, { 'Fn::Join': ['', [bucketArn, '/*']] }],
                Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              },
            ],
          },
        },
      },
      ...mesh.Resources,
      ...dashboard.Resources,
    },
    Outputs: {
      ...mesh.Outputs,
      ...dashboard.Outputs,
      ReceiptsBucketName: { Value: { Ref: 'ReceiptsBucket' }, Description: 'payments receipts bucket' },
    },
  },
};
