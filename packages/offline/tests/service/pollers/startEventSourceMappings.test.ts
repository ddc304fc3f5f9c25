// A template's SQS and DynamoDB Streams mappings, provisioned and run through the edge, invoking a stub function.
import {
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  FunctionInvocationError,
  lambdaInvoker,
  startEventSourceMappings,
  type StartedEventSourceMappings,
} from '../../../src/pollers';
import { provisionTemplate, type CloudFormationTemplate, type ProvisionResult } from '../../../src/provision';
import { startOfflineMesh, type OfflineMesh } from '../provision/offlineMesh';
import { eventually, startLambdaInvokeStub, type LambdaInvokeStub } from '@mesh/testing';

const fn = (name: string) => ({
  Type: 'AWS::Lambda::Function',
  Properties: { FunctionName: { 'Fn::Sub': '${AWS::StackName}-' + name } },
});
const template: CloudFormationTemplate = {
  Resources: {
    OnChangeLambdaFunction: fn('onChange'),
    OnJobLambdaFunction: fn('onJob'),
    Table: {
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        TableName: 'jobs-test-table',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'status', AttributeType: 'S' },
        ],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'byStatus',
            KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      },
    },
    Queue: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 2 } },
    FailureQueue: { Type: 'AWS::SQS::Queue', Properties: {} },
    QueueMapping: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: {
        EventSourceArn: { 'Fn::GetAtt': ['Queue', 'Arn'] },
        FunctionName: { 'Fn::GetAtt': ['OnJobLambdaFunction', 'Arn'] },
        BatchSize: 5,
        MaximumBatchingWindowInSeconds: 1,
      },
    },
    StreamMapping: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: {
        EventSourceArn: { 'Fn::GetAtt': ['Table', 'StreamArn'] },
        FunctionName: { Ref: 'OnChangeLambdaFunction' },
        StartingPosition: 'TRIM_HORIZON',
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        MaximumRetryAttempts: 1,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['FailureQueue', 'Arn'] } } },
      },
    },
    DisabledMapping: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: {
        EventSourceArn: { 'Fn::GetAtt': ['Queue', 'Arn'] },
        FunctionName: 'jobs-test-other',
        Enabled: false,
      },
    },
  },
};

let mesh: OfflineMesh;
let stub: LambdaInvokeStub;
let provisioned: ProvisionResult;
let mappings: StartedEventSourceMappings | undefined;

beforeAll(async () => {
  [mesh, stub] = await Promise.all([startOfflineMesh(), startLambdaInvokeStub()]);
  provisioned = await provisionTemplate(template, { endpoint: mesh.edge.url, stage: 'test', serviceName: 'jobs' });
});

afterAll(async () => {
  await mappings?.stop();
  await stub?.stop();
  await mesh?.stop();
});

it('provisions the table with its index, stream and TTL, and a queue named as CloudFormation would', async () => {
  const dynamodb = new DynamoDBClient(mesh.clientConfig);
  const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: 'jobs-test-table' }));
  const { TimeToLiveDescription } = await dynamodb.send(
    new DescribeTimeToLiveCommand({ TableName: 'jobs-test-table' }),
  );
  dynamodb.destroy();
  expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toEqual(['byStatus']);
  expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
  expect(TimeToLiveDescription).toMatchObject({ AttributeName: 'expiresAt', TimeToLiveStatus: 'ENABLED' });
  expect(provisioned.created).toContainEqual({
    logicalId: 'Queue',
    type: 'AWS::SQS::Queue',
    physicalId: `${mesh.edge.url}/000000000000/jobs-test-Queue`,
  });
  expect(provisioned.eventSourceMappings).toEqual([
    expect.objectContaining({
      functionLogicalId: 'OnJobLambdaFunction',
      functionName: 'jobs-test-onJob',
      kind: 'sqs',
      batchSize: 5,
      maximumBatchingWindowSeconds: 1,
      reportBatchItemFailures: false,
    }),
    expect.objectContaining({
      functionLogicalId: 'OnChangeLambdaFunction',
      functionName: 'jobs-test-onChange',
      kind: 'dynamodb',
      sourceArn: Table?.LatestStreamArn,
      batchSize: 100,
      startingPosition: 'TRIM_HORIZON',
      reportBatchItemFailures: true,
      maximumRetryAttempts: 1,
      onFailureQueueUrl: `${mesh.edge.url}/000000000000/jobs-test-FailureQueue`,
    }),
    expect.objectContaining({ functionName: 'jobs-test-other', enabled: false }),
  ]);
});

it('runs the enabled mappings: queue messages and table changes reach their functions', async () => {
  mappings = startEventSourceMappings(provisioned.eventSourceMappings, {
    endpoint: mesh.edge.url,
    lambdaEndpoint: stub.endpoint,
    logger: { warn: () => {}, error: () => {} },
  });
  await mappings.ready;
  const sqs = new SQSClient(mesh.clientConfig);
  const dynamodb = new DynamoDBClient(mesh.clientConfig);
  await sqs.send(
    new SendMessageCommand({ QueueUrl: provisioned.eventSourceMappings[0]!.queueUrl, MessageBody: 'job-1' }),
  );
  await dynamodb.send(
    new PutItemCommand({ TableName: 'jobs-test-table', Item: { pk: { S: 'p-1' }, status: { S: 'new' } } }),
  );
  sqs.destroy();
  dynamodb.destroy();

  await eventually(() => stub.invocations.length >= 2);
  const byFunction = Object.fromEntries(
    stub.invocations.map((invocation) => [invocation.functionName, invocation.event]),
  );
  expect(Object.keys(byFunction).sort()).toEqual(['jobs-test-onChange', 'jobs-test-onJob']);
  expect(byFunction['jobs-test-onJob']!.Records).toEqual([
    expect.objectContaining({ body: 'job-1', eventSource: 'aws:sqs' }),
  ]);
  expect(byFunction['jobs-test-onChange']!.Records).toEqual([
    expect.objectContaining({ eventName: 'INSERT', eventSource: 'aws:dynamodb', awsRegion: 'us-east-1' }),
  ]);
  await mappings.stop();
});

it("sends a stream batch still failing after MaximumRetryAttempts to the on-failure queue, as Lambda's record", async () => {
  stub.answer = ({ functionName }) =>
    functionName === 'jobs-test-onChange'
      ? { functionError: { errorType: 'Error', errorMessage: 'down' } }
      : { payload: null };
  mappings = startEventSourceMappings(provisioned.eventSourceMappings, {
    endpoint: mesh.edge.url,
    lambdaEndpoint: stub.endpoint,
    logger: { warn: () => {}, error: () => {} },
  });
  await mappings.ready;
  const dynamodb = new DynamoDBClient(mesh.clientConfig);
  await dynamodb.send(
    new PutItemCommand({ TableName: 'jobs-test-table', Item: { pk: { S: 'p-fail' }, status: { S: 'new' } } }),
  );
  dynamodb.destroy();
  const sqs = new SQSClient(mesh.clientConfig);
  const failureQueueUrl = provisioned.eventSourceMappings[1]!.onFailureQueueUrl!;
  let body: Record<string, unknown> | undefined;
  await eventually(async () => {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: failureQueueUrl, WaitTimeSeconds: 1 }),
    );
    body = Messages[0] && (JSON.parse(Messages[0].Body!) as Record<string, unknown>);
    return body !== undefined;
  });
  sqs.destroy();
  await mappings.stop();
  stub.answer = () => ({ payload: null });

  expect(body).toMatchObject({
    requestContext: {
      condition: 'RetryAttemptsExhausted',
      approximateInvokeCount: 2,
      functionArn: 'jobs-test-onChange',
    },
    responseContext: { functionError: expect.stringContaining('down') },
    DDBStreamBatchInfo: {
      shardId: expect.any(String),
      startSequenceNumber: expect.any(String),
      batchSize: expect.any(Number),
      streamArn: provisioned.eventSourceMappings[1]!.sourceArn,
    },
  });
});

it("throws a FunctionInvocationError carrying the function's error payload", async () => {
  stub.answer = () => ({ functionError: { errorType: 'TypeError', errorMessage: 'bad input' } });
  const invoke = lambdaInvoker(stub.endpoint);
  const failure = await invoke('jobs-test-onJob', { Records: [] }).catch((error: unknown) => error);
  invoke.close();
  expect(failure).toBeInstanceOf(FunctionInvocationError);
  expect(failure).toMatchObject({
    functionName: 'jobs-test-onJob',
    functionError: 'Unhandled',
    payload: { errorType: 'TypeError', errorMessage: 'bad input', trace: [] },
    message: 'jobs-test-onJob failed (Unhandled): TypeError: bad input',
  });
});
