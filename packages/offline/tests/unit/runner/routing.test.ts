import { functionNameOf } from '../../../src/runner/createLambdaRouter';
import { offlineReferences } from '../../../src/runner/offlineReferences';
import { splitBasePath } from '../../../src/runner/startBasePathProxy';
import { formatIgnored } from '../../../src/runner/banner';

describe('splitBasePath', () => {
  it.each([
    ['/reminders/v1/x?y=1', ['reminders', '/v1/x?y=1']],
    ['/reminders', ['reminders', '/']],
    ['/reminders?x=1', ['reminders', '/?x=1']],
    ['/', ['', '/']],
  ])('splits %s', (url, expected) => {
    expect(splitBasePath(url)).toEqual(expected);
  });
});

describe('functionNameOf', () => {
  it.each([
    ['reminders-dev-orderLifecycle', 'reminders-dev-orderLifecycle'],
    ['reminders-dev-orderLifecycle:live', 'reminders-dev-orderLifecycle'],
    ['arn:aws:lambda:us-east-1:000000000000:function:loans-dev-api', 'loans-dev-api'],
    [encodeURIComponent('arn:aws:lambda:us-east-1:000000000000:function:loans-dev-api:3'), 'loans-dev-api'],
  ])('names the function of %s', (identifier, name) => {
    expect(functionNameOf(identifier)).toBe(name);
  });
});

describe('offlineReferences', () => {
  it('gives Ref and the usual Fn::GetAtt attributes of provisioned queues, tables and buses', () => {
    const references = offlineReferences(
      {
        created: [
          { logicalId: 'Table', type: 'AWS::DynamoDB::Table', physicalId: 'reminders-dev' },
          { logicalId: 'Queue', type: 'AWS::SQS::Queue', physicalId: 'http://127.0.0.1:4566/000000000000/q1' },
          { logicalId: 'Bus', type: 'AWS::Events::EventBus', physicalId: 'mesh-dev' },
        ],
      },
      'eu-west-1',
      '111111111111',
    );
    expect(references).toMatchObject({
      'Ref:Table': 'reminders-dev',
      'GetAtt:Table.Arn': 'arn:aws:dynamodb:eu-west-1:111111111111:table/reminders-dev',
      'Ref:Queue': 'http://127.0.0.1:4566/000000000000/q1',
      'GetAtt:Queue.Arn': 'arn:aws:sqs:eu-west-1:111111111111:q1',
      'GetAtt:Queue.QueueName': 'q1',
      'Ref:Bus': 'mesh-dev',
      'GetAtt:Bus.Arn': 'arn:aws:events:eu-west-1:111111111111:event-bus/mesh-dev',
    });
  });
});

describe('formatIgnored', () => {
  it('groups what was not created offline by type, on one line', () => {
    const line = formatIgnored([
      { service: 'a', logicalId: 'A1', type: 'AWS::CloudWatch::Alarm', why: 'no CloudWatch offline' },
      { service: 'a', logicalId: 'A2', type: 'AWS::CloudWatch::Alarm', why: 'no CloudWatch offline' },
      { service: 'b', logicalId: 'R', type: 'AWS::IAM::Role', why: 'IAM is not enforced offline' },
    ]);
    expect(line).toBe('ignored offline (3): CloudWatch::Alarm ×2, IAM::Role ×1');
    expect(line).not.toContain('\n');
  });
});
