import {
  creationOrder,
  CircularDependencyError,
  resolveIntrinsics,
  UnresolvableReferenceError,
  UnsupportedIntrinsicError,
  whyIgnored,
  type IntrinsicContext,
  type ResourceState,
} from '../../../src/provision';

const queueUrl = 'http://127.0.0.1:4566/000000000000/jobs';
const resources = new Map<string, ResourceState>([
  ['JobsQueue', { ref: queueUrl, attributes: { Arn: 'arn:aws:sqs:us-east-1:000000000000:jobs', QueueName: 'jobs' } }],
  ['Table', { ref: 'loans-dev', attributes: { Arn: 'arn:aws:dynamodb:us-east-1:000000000000:table/loans-dev' } }],
]);
const context: IntrinsicContext = {
  region: 'eu-west-1',
  accountId: '000000000000',
  stackName: 'loans-dev',
  parameters: {
    EventBusName: 'mesh-dev',
    'mesh-bus-dev-EventBusArn': 'arn:aws:events:eu-west-1:000000000000:event-bus/mesh-dev',
  },
  resources,
  logicalIds: new Set(['JobsQueue', 'Table', 'Role']),
};
const resolve = (value: unknown) => resolveIntrinsics(value, context);

describe('resolveIntrinsics', () => {
  it('resolves Ref to a queue as its URL, to a table as its name, and to parameters and pseudo parameters', () => {
    expect(
      resolve({
        queue: { Ref: 'JobsQueue' },
        table: { Ref: 'Table' },
        bus: { Ref: 'EventBusName' },
        pseudo: [
          { Ref: 'AWS::Region' },
          { Ref: 'AWS::AccountId' },
          { Ref: 'AWS::StackName' },
          { Ref: 'AWS::Partition' },
        ],
      }),
    ).toEqual({
      queue: queueUrl,
      table: 'loans-dev',
      bus: 'mesh-dev',
      pseudo: ['eu-west-1', '000000000000', 'loans-dev', 'aws'],
    });
  });

  it('resolves Fn::GetAtt in its list and its dotted form', () => {
    expect(resolve({ 'Fn::GetAtt': ['JobsQueue', 'Arn'] })).toBe('arn:aws:sqs:us-east-1:000000000000:jobs');
    expect(resolve({ 'Fn::GetAtt': 'JobsQueue.QueueName' })).toBe('jobs');
  });

  it('resolves Fn::Join over nested intrinsics', () => {
    expect(
      resolve({ 'Fn::Join': ['-', ['loans', { Ref: 'AWS::Region' }, { 'Fn::GetAtt': ['JobsQueue', 'QueueName'] }]] }),
    ).toBe('loans-eu-west-1-jobs');
  });

  it('resolves Fn::Sub with pseudo parameters, refs, attributes and literals', () => {
    expect(
      resolve({ 'Fn::Sub': 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${JobsQueue.QueueName}' }),
    ).toBe('arn:aws:sqs:eu-west-1:000000000000:jobs');
    expect(resolve({ 'Fn::Sub': '${Table}/${!Literal}' })).toBe('loans-dev/${Literal}');
  });

  it('resolves Fn::Sub with its variable map, which may hold intrinsics', () => {
    expect(resolve({ 'Fn::Sub': ['${name}@${AWS::Region}', { name: { Ref: 'Table' } }] })).toBe('loans-dev@eu-west-1');
  });

  it('resolves Fn::Select over Fn::Split', () => {
    expect(resolve({ 'Fn::Select': [5, { 'Fn::Split': [':', { 'Fn::GetAtt': ['JobsQueue', 'Arn'] }] }] })).toBe('jobs');
  });

  it('resolves Fn::ImportValue from the params', () => {
    expect(resolve({ 'Fn::ImportValue': 'mesh-bus-dev-EventBusArn' })).toBe(
      'arn:aws:events:eu-west-1:000000000000:event-bus/mesh-dev',
    );
  });

  it('drops properties and list items that are AWS::NoValue', () => {
    expect(resolve({ a: 1, b: { Ref: 'AWS::NoValue' }, list: ['x', { Ref: 'AWS::NoValue' }] })).toEqual({
      a: 1,
      list: ['x'],
    });
  });

  it('leaves plain objects alone, even with keys that look like patterns', () => {
    const pattern = {
      source: ['mesh.loans'],
      'detail-type': ['BookLent'],
      detail: { amount: [{ numeric: ['>', 0] }] },
    };
    expect(resolve(pattern)).toEqual(pattern);
  });

  it('names a reference to a resource that is not created offline, and one to nothing at all', () => {
    expect(() => resolve({ 'Fn::GetAtt': ['Role', 'Arn'] })).toThrow(
      new UnresolvableReferenceError('Fn::GetAtt Role.Arn: Role is not created offline'),
    );
    expect(() => resolve({ Ref: 'Nope' })).toThrow(/no resource or parameter is named Nope/);
    expect(() => resolve({ 'Fn::GetAtt': ['JobsQueue', 'Nope'] })).toThrow(/no such attribute/);
  });

  it('refuses the intrinsics it does not evaluate rather than guessing', () => {
    expect(() => resolve({ 'Fn::If': ['IsProd', 'a', 'b'] })).toThrow(UnsupportedIntrinsicError);
  });
});

describe('creationOrder', () => {
  it('creates DLQs before the queues that redrive to them, and buses and target queues before rules', () => {
    expect(
      creationOrder({
        Resources: {
          Rule: {
            Type: 'AWS::Events::Rule',
            Properties: {
              EventBusName: { Ref: 'Bus' },
              Targets: [{ Id: 't', Arn: { 'Fn::GetAtt': ['Queue', 'Arn'] } }],
            },
          },
          Queue: {
            Type: 'AWS::SQS::Queue',
            Properties: {
              RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['Dlq', 'Arn'] }, maxReceiveCount: 3 },
            },
          },
          Alarm: { Type: 'AWS::CloudWatch::Alarm', Properties: { Name: { 'Fn::Sub': '${Dlq.QueueName}-alarm' } } },
          Dlq: { Type: 'AWS::SQS::Queue', Properties: {} },
          Bus: { Type: 'AWS::Events::EventBus', Properties: { Name: 'mesh' } },
          Late: { Type: 'AWS::SQS::Queue', DependsOn: 'Rule' },
        },
      }),
    ).toEqual(['Dlq', 'Queue', 'Alarm', 'Bus', 'Rule', 'Late']);
  });

  it('refuses a cycle, naming the resources in it', () => {
    expect(() =>
      creationOrder({
        Resources: {
          A: { Type: 'AWS::SQS::Queue', Properties: { x: { Ref: 'B' } } },
          B: { Type: 'AWS::SQS::Queue', Properties: { x: { Ref: 'A' } } },
        },
      }),
    ).toThrow(new CircularDependencyError('circular dependency between resources: A, B'));
  });
});

describe('whyIgnored', () => {
  it('gives the reason for each type the offline mesh leaves out, and "not emulated offline" for unknown ones', () => {
    expect(whyIgnored('Role', { Type: 'AWS::IAM::Role' })).toMatch(/IAM/);
    expect(whyIgnored('Fn', { Type: 'AWS::Lambda::Function' })).toMatch(/serverless-offline/);
    expect(whyIgnored('ServerlessDeploymentBucket', { Type: 'AWS::S3::Bucket' })).toMatch(/deployment bucket/);
    expect(whyIgnored('Topic', { Type: 'AWS::SNS::Topic' })).toBe('not emulated offline');
    expect(whyIgnored('Receipts', { Type: 'AWS::S3::Bucket' })).toBeUndefined();
    expect(whyIgnored('Mapping', { Type: 'AWS::Lambda::EventSourceMapping' })).toBeUndefined();
  });
});
