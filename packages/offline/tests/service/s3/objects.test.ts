import http from 'node:http';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { startSqsBehindEdge, type SqsBehindEdge } from '../sqs/sqsBehindEdge';

let env: SqsBehindEdge;
let s3: S3Client;
const bucket = `receipts-${process.pid}`;

beforeAll(async () => {
  env = await startSqsBehindEdge();
  s3 = new S3Client({ ...env.clientConfig, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
});

afterAll(async () => {
  s3?.destroy();
  await env?.stop();
});

describe('S3 objects through the edge endpoint', () => {
  it('stores an object and gives it back with its content type and metadata', async () => {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'billing/p-1.json',
        Body: '{"amount":42}',
        ContentType: 'application/json',
        Metadata: { 'payment-id': 'p-1' },
      }),
    );

    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'billing/p-1.json' }));

    expect(await object.Body?.transformToString()).toBe('{"amount":42}');
    expect(object.ContentType).toBe('application/json');
    expect(object.Metadata).toEqual({ 'payment-id': 'p-1' });
  });

  it('answers HeadObject with the size, and NotFound for a missing key', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'head/me', Body: '12345' }));

    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'head/me' }));

    expect(head.ContentLength).toBe(5);
    await expect(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'head/missing' }))).rejects.toMatchObject({
      name: 'NotFound',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('lists the objects under a prefix', async () => {
    for (const key of ['list/a', 'list/b', 'other/c']) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key }));
    }

    const { Contents = [], KeyCount } = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'list/' }));

    expect(Contents.map((o) => o.Key)).toEqual(['list/a', 'list/b']);
    expect(KeyCount).toBe(2);
  });

  it('deletes an object, after which GetObject fails with NoSuchKey', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'gone', Body: 'x' }));

    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'gone' }));

    await expect(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'gone' }))).rejects.toMatchObject({
      name: 'NoSuchKey',
    });
  });

  it('streams a large object through the edge intact', async () => {
    const body = Buffer.alloc(8 * 1024 * 1024, 7);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'large.bin', Body: body }));

    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'large.bin' }));

    expect(Buffer.from(await object.Body!.transformToByteArray()).equals(body)).toBe(true);
  });

  it('serves virtual-hosted-style requests (bucket in the Host), the SDK’s default without forcePathStyle', async () => {
    // `<bucket>.localhost` does not resolve on Linux: send it to the edge as DNS would on a machine that
    // resolves *.localhost (macOS, systemd-resolved).
    const agent = new http.Agent({
      lookup: (_host, options, callback) =>
        options.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4),
    } as http.AgentOptions);
    const virtualHosted = new S3Client({
      ...env.clientConfig,
      endpoint: `http://localhost:${env.edge.port}`,
      requestHandler: { httpAgent: agent },
    });
    const hostnames: string[] = [];
    virtualHosted.middlewareStack.add(
      (next) => async (args) => {
        hostnames.push((args.request as { hostname: string }).hostname);
        return next(args);
      },
      { step: 'finalizeRequest' },
    );
    try {
      await virtualHosted.send(new PutObjectCommand({ Bucket: bucket, Key: 'virtual', Body: 'hosted' }));
      expect(hostnames).toEqual([`${bucket}.localhost`]);

      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'virtual' }));

      expect(await object.Body?.transformToString()).toBe('hosted');
    } finally {
      virtualHosted.destroy();
    }
  });
});
