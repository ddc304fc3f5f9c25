import { startEdge, startSqs, type StartedEdge, type StartedSqs } from '../../../src';

export interface SqsBehindEdge {
  sqs: StartedSqs;
  edge: StartedEdge;
  /** AWS SDK v3 client config pointing at the edge, as `AWS_ENDPOINT_URL` would. */
  clientConfig: {
    endpoint: string;
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
  };
  stop(): Promise<void>;
}

/** fauxqs (SQS + S3) behind its own edge endpoint, both on free ports so test files run in parallel. */
export async function startSqsBehindEdge(): Promise<SqsBehindEdge> {
  const sqs = await startSqs();
  const edge = await startEdge({ port: 0, routes: { sqs: sqs.endpoint, s3: sqs.endpoint } });
  return {
    sqs,
    edge,
    clientConfig: {
      endpoint: edge.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    },
    async stop() {
      await edge.stop();
      await sqs.stop();
    },
  };
}

let counter = 0;
/** A queue name unique to this run, so tests never see each other's messages. */
export function uniqueQueueName(prefix: string, fifo = false): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}${fifo ? '.fifo' : ''}`;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
