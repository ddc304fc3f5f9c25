import path from 'node:path';
import { packageService } from '@mesh/testing';

describe('serverless package of the bus', () => {
  it('creates the mesh bus named for its stage, archived for replays, and outputs its name for compose', async () => {
    const template = await packageService(path.resolve(__dirname, '../..'), 'ci');
    expect(template.Resources.EventBus).toMatchObject({
      Type: 'AWS::Events::EventBus',
      Properties: { Name: 'mesh-ci' },
    });
    expect(template.Resources.EventArchive).toMatchObject({
      Type: 'AWS::Events::Archive',
      Properties: { SourceArn: { 'Fn::GetAtt': ['EventBus', 'Arn'] } },
    });
    expect(template.Outputs).toMatchObject({ EventBusName: { Value: { Ref: 'EventBus' } } });
  }, 180_000);

  it("owns the stage's alarm topic: encrypted with a key CloudWatch may use, published to by this account's alarms only", async () => {
    const template = await packageService(path.resolve(__dirname, '../..'), 'ci');
    const account = { Ref: 'AWS::AccountId' };
    expect(template.Resources.AlarmTopic).toMatchObject({
      Type: 'AWS::SNS::Topic',
      Properties: { TopicName: 'mesh-ci-alarms', KmsMasterKeyId: { Ref: 'AlarmTopicKey' } },
    });
    const keyPolicy = template.Resources.AlarmTopicKey!.Properties.KeyPolicy as unknown as { Statement: unknown[] };
    expect(keyPolicy.Statement).toContainEqual({
      Sid: 'AlarmsOfThisAccountEncrypt',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceAccount': account } },
    });
    const topicPolicy = template.Resources.AlarmTopicPolicy!.Properties.PolicyDocument as unknown as {
      Statement: unknown[];
    };
    expect(topicPolicy.Statement).toEqual([
      expect.objectContaining({
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Condition: {
          ArnLike: {
            'aws:SourceArn': {
              'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudwatch:*:', account, ':alarm:*']],
            },
          },
          StringEquals: { 'aws:SourceAccount': account },
        },
      }),
    ]);
    // Subscriptions only when compose passes an address: none by default.
    expect(template.Resources.AlarmEmailSubscription).toMatchObject({ Condition: 'HasAlarmEmail' });
    expect((template as unknown as { Conditions: unknown }).Conditions).toMatchObject({
      HasAlarmEmail: { 'Fn::Not': [{ 'Fn::Equals': ['none', 'none'] }] },
    });
    expect(template.Outputs).toMatchObject({ AlarmTopicArn: { Value: { Ref: 'AlarmTopic' } } });
  }, 180_000);
});
