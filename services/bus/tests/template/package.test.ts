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
});
