import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { createStsListener, startEdge, type StartedEdge } from '../../../src';
import { awsCli, itWithCli } from '../awsCli';

let edge: StartedEdge;

beforeAll(async () => {
  edge = await startEdge({ port: 0, routes: { sts: createStsListener() } });
});

afterAll(async () => {
  await edge?.stop();
});

const sts = (accessKeyId: string) =>
  new STSClient({ endpoint: edge.url, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey: 'x' } });

describe('the offline STS behind the edge', () => {
  it('answers GetCallerIdentity with account 000000000000 for a dummy key', async () => {
    const client = sts('test');
    try {
      const identity = await client.send(new GetCallerIdentityCommand({}));

      expect(identity).toMatchObject({
        Account: '000000000000',
        Arn: 'arn:aws:iam::000000000000:root',
        UserId: 'test',
      });
    } finally {
      client.destroy();
    }
  });

  it('takes a 12-digit access key id as its own account', async () => {
    const client = sts('123456789012');
    try {
      const identity = await client.send(new GetCallerIdentityCommand({}));

      expect(identity).toMatchObject({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:root' });
    } finally {
      client.destroy();
    }
  });

  it('answers an action it does not serve with an AWS-shaped error', async () => {
    const response = await fetch(edge.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization:
          'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: 'Action=GetFederationToken&Version=2011-06-15',
    });

    expect(response.status).toBe(400);
    expect(await response.text()).toContain('<Code>InvalidAction</Code>');
  });

  itWithCli('answers `aws sts get-caller-identity`', async () => {
    const identity = await awsCli(edge.url, ['sts', 'get-caller-identity'], { accessKeyId: '210987654321' });

    expect(identity).toEqual({
      UserId: '210987654321',
      Account: '210987654321',
      Arn: 'arn:aws:iam::210987654321:root',
    });
  });
});
