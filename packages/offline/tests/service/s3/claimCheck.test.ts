import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { startSqs, type StartedSqs } from '../../../src';
import { S3ClaimCheckStore } from '@mesh/bus';

describe('S3ClaimCheckStore against the offline S3 (fauxqs)', () => {
  let s3: StartedSqs;
  let client: S3Client;
  beforeAll(async () => {
    s3 = await startSqs();
    client = new S3Client({
      endpoint: s3.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    await client.send(new CreateBucketCommand({ Bucket: 'claims' }));
  });
  afterAll(async () => {
    client?.destroy();
    await s3?.stop();
  });

  it('puts a 2 MiB payload and gets it back byte for byte by its reference', async () => {
    const store = new S3ClaimCheckStore({ bucket: 'claims', client });
    const body = JSON.stringify({ blob: 'é'.repeat(1024 * 1024) });
    const ref = await store.put('BlobStored/e1.json', body);
    expect(ref).toEqual({ bucket: 'claims', key: 'claims/BlobStored/e1.json', sizeBytes: Buffer.byteLength(body) });
    expect(await store.get(ref)).toBe(body);
  });
});
