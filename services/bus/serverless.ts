/**
 * The one EventBridge bus every service publishes to, and an archive of every event on it so that
 * operators can replay a time window. No functions: it exists so its outputs can flow to the services
 * through serverless-compose params.
 */
module.exports = {
  service: 'mesh-bus',
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
    Outputs: {
      EventBusName: { Value: { Ref: 'EventBus' } },
      EventBusArn: { Value: { 'Fn::GetAtt': ['EventBus', 'Arn'] } },
    },
  },
};
