import { MESH_ALARM_TOPIC_NAME } from '@mesh/infra';

/**
 * The one EventBridge bus every service publishes to, an archive of every event on it so that operators
 * can replay a time window, and the stage's alarm topic that every alarm of every service notifies. No
 * functions: it exists so its outputs can flow to the services through serverless-compose params.
 */
const partition = { Ref: 'AWS::Partition' };
const account = { Ref: 'AWS::AccountId' };
const join = (...parts: unknown[]) => ({ 'Fn::Join': ['', parts] });
const thisAccount = { 'aws:SourceAccount': account };
// Subscriptions are optional: set alarmEmail / alarmHttpsEndpoint in serverless-compose.yml's bus params.
const NONE = 'none';
const given = (param: string) => ({ 'Fn::Not': [{ 'Fn::Equals': [`\${param:${param}}`, NONE] }] });

module.exports = {
  service: 'mesh-bus',
  params: { default: { alarmEmail: NONE, alarmHttpsEndpoint: NONE } },
  provider: {
    name: 'aws',
    runtime: 'nodejs22.x',
    stage: '${opt:stage, "dev"}',
    region: '${opt:region, "us-east-1"}',
    // osls's own deployment bucket (templates): private, like every bucket of the mesh.
    deploymentBucket: { blockPublicAccess: true },
  },
  resources: {
    Resources: {
      EventBus: {
        Type: 'AWS::Events::EventBus',
        Properties: { Name: 'mesh-${sls:stage}' },
      },
      // CloudWatch cannot publish to a topic under the AWS-managed SNS key: the topic has a key of its own,
      // which this account administers and which CloudWatch may use for this account's alarms only.
      AlarmTopicKey: {
        Type: 'AWS::KMS::Key',
        Properties: {
          Description: 'mesh-${sls:stage}: encrypts the alarm topic',
          EnableKeyRotation: true,
          KeyPolicy: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'AccountAdministersIt',
                Effect: 'Allow',
                Principal: { AWS: join('arn:', partition, ':iam::', account, ':root') },
                Action: 'kms:*',
                Resource: '*',
              },
              {
                Sid: 'AlarmsOfThisAccountEncrypt',
                Effect: 'Allow',
                Principal: { Service: 'cloudwatch.amazonaws.com' },
                Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
                Resource: '*',
                Condition: { StringEquals: thisAccount },
              },
            ],
          },
        },
      },
      AlarmTopic: {
        Type: 'AWS::SNS::Topic',
        Properties: {
          TopicName: MESH_ALARM_TOPIC_NAME,
          DisplayName: 'mesh ${sls:stage} alarms',
          KmsMasterKeyId: { Ref: 'AlarmTopicKey' },
        },
      },
      AlarmTopicPolicy: {
        Type: 'AWS::SNS::TopicPolicy',
        Properties: {
          Topics: [{ Ref: 'AlarmTopic' }],
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'OnlyAlarmsOfThisAccountPublish',
                Effect: 'Allow',
                Principal: { Service: 'cloudwatch.amazonaws.com' },
                Action: 'sns:Publish',
                Resource: { Ref: 'AlarmTopic' },
                Condition: {
                  ArnLike: { 'aws:SourceArn': join('arn:', partition, ':cloudwatch:*:', account, ':alarm:*') },
                  StringEquals: thisAccount,
                },
              },
            ],
          },
        },
      },
      AlarmEmailSubscription: {
        Type: 'AWS::SNS::Subscription',
        Condition: 'HasAlarmEmail',
        Properties: { TopicArn: { Ref: 'AlarmTopic' }, Protocol: 'email', Endpoint: '${param:alarmEmail}' },
      },
      AlarmHttpsSubscription: {
        Type: 'AWS::SNS::Subscription',
        Condition: 'HasAlarmHttpsEndpoint',
        Properties: { TopicArn: { Ref: 'AlarmTopic' }, Protocol: 'https', Endpoint: '${param:alarmHttpsEndpoint}' },
      },
      EventArchive: {
        Type: 'AWS::Events::Archive',
        Properties: {
          ArchiveName: 'mesh-${sls:stage}-all',
          Description: 'Every event of the mesh, for replays',
          SourceArn: { 'Fn::GetAtt': ['EventBus', 'Arn'] },
          RetentionDays: 30,
        },
      },
    },
    Conditions: { HasAlarmEmail: given('alarmEmail'), HasAlarmHttpsEndpoint: given('alarmHttpsEndpoint') },
    Outputs: {
      AlarmTopicArn: { Value: { Ref: 'AlarmTopic' } },
      EventBusName: { Value: { Ref: 'EventBus' } },
      EventBusArn: { Value: { 'Fn::GetAtt': ['EventBus', 'Arn'] } },
    },
  },
};
