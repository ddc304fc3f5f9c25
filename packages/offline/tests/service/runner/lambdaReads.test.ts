import {
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListFunctionsCommand,
  paginateListFunctions,
} from '@aws-sdk/client-lambda';
import { createLambdaRouter, startEdge, type LambdaRouter, type StartedEdge } from '../../../src';
import { awsCli, itWithCli } from '../awsCli';

let edge: StartedEdge;
let router: LambdaRouter;
let lambda: LambdaClient;

/** The properties `serverless package` writes for a function (a Ref among the environment, as in ours). */
const placeOrder = {
  FunctionName: 'loans-dev-placeOrder',
  Runtime: 'nodejs22.x',
  Handler: 'src/functions/placeOrder/handler.handler',
  Timeout: 6,
  MemorySize: 1024,
  Role: { 'Fn::GetAtt': ['IamRoleLambdaExecution', 'Arn'] },
  Environment: { Variables: { STAGE: 'dev', TABLE_NAME: { Ref: 'LoansTable' } } },
  Code: { S3Bucket: { Ref: 'ServerlessDeploymentBucket' }, S3Key: 'x.zip' },
};

beforeAll(async () => {
  router = createLambdaRouter({ region: 'eu-west-1', accountId: '000000000000' });
  router.addFunction('loans-dev-placeOrder', 'http://127.0.0.1:1', placeOrder);
  for (let i = 0; i < 60; i += 1) router.addFunction(`many-dev-fn${String(i).padStart(2, '0')}`, 'http://127.0.0.1:1');
  edge = await startEdge({ port: 0, routes: { lambda: router.listener } });
  lambda = new LambdaClient({
    endpoint: edge.url,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
});

afterAll(async () => {
  lambda?.destroy();
  router?.close();
  await edge?.stop();
});

describe('Lambda reads of the functions the mesh runs', () => {
  it('answers GetFunction with the function’s name, ARN, runtime, handler, timeout, memory and environment', async () => {
    const { Configuration } = await lambda.send(new GetFunctionCommand({ FunctionName: 'loans-dev-placeOrder' }));

    expect(Configuration).toMatchObject({
      FunctionName: 'loans-dev-placeOrder',
      FunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:loans-dev-placeOrder',
      Runtime: 'nodejs22.x',
      Handler: 'src/functions/placeOrder/handler.handler',
      Timeout: 6,
      MemorySize: 1024,
      State: 'Active',
    });
    expect(Object.keys(Configuration?.Environment?.Variables ?? {})).toEqual(['STAGE', 'TABLE_NAME']);
    expect(Configuration?.Environment?.Variables?.STAGE).toBe('dev');
  });

  it('finds a function by its ARN, and its configuration alone', async () => {
    const arn = 'arn:aws:lambda:eu-west-1:000000000000:function:loans-dev-placeOrder';
    const configuration = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: arn }));

    expect(configuration.FunctionName).toBe('loans-dev-placeOrder');
  });

  it('gives Lambda’s defaults to a function declared without them', async () => {
    const { Configuration } = await lambda.send(new GetFunctionCommand({ FunctionName: 'many-dev-fn00' }));

    expect(Configuration).toMatchObject({ Timeout: 3, MemorySize: 128 });
  });

  it('answers a function it does not run with ResourceNotFoundException', async () => {
    await expect(lambda.send(new GetFunctionCommand({ FunctionName: 'nope' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Function not found: arn:aws:lambda:eu-west-1:000000000000:function:nope',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('lists every function, 50 a page at most, in pages the SDK’s paginator follows', async () => {
    const first = await lambda.send(new ListFunctionsCommand({}));
    const names: string[] = [];
    for await (const page of paginateListFunctions({ client: lambda }, {}))
      names.push(...(page.Functions ?? []).map((f) => f.FunctionName!));

    expect(first.Functions).toHaveLength(50);
    expect(first.NextMarker).toBeDefined();
    expect(names).toHaveLength(61);
    expect(new Set(names).size).toBe(61);
    expect(names).toContain('loans-dev-placeOrder');
  });

  it('refuses a MaxItems out of range with InvalidParameterValueException', async () => {
    await expect(lambda.send(new ListFunctionsCommand({ MaxItems: 0 }))).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
    });
  });

  itWithCli('answers `aws lambda list-functions` and `aws lambda get-function`', async () => {
    const listed = (await awsCli(edge.url, ['lambda', 'list-functions'], { region: 'eu-west-1' })) as {
      Functions: Array<{ FunctionName: string }>;
    };
    const got = (await awsCli(edge.url, ['lambda', 'get-function', '--function-name', 'loans-dev-placeOrder'], {
      region: 'eu-west-1',
    })) as { Configuration: { Runtime: string } };

    expect(listed.Functions).toHaveLength(61);
    expect(got.Configuration.Runtime).toBe('nodejs22.x');
  });
});
