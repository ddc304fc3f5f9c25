import {
  createEventBridgeListener,
  EventBridgeEmulator,
  startDynamoDb,
  startEdge,
  startSqs,
  type StartedDynamoDb,
  type StartedEdge,
  type StartedSqs,
} from '../../../src';

export interface OfflineMesh {
  edge: StartedEdge;
  emulator: EventBridgeEmulator;
  clientConfig: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } };
  stop(): Promise<void>;
}

/** fauxqs (SQS, S3), DynamoDB Local and the EventBridge emulator behind one edge, all on free ports. */
export async function startOfflineMesh(): Promise<OfflineMesh> {
  let sqs: StartedSqs | undefined;
  let dynamo: StartedDynamoDb | undefined;
  let edge: StartedEdge | undefined;
  let emulator: EventBridgeEmulator | undefined;
  const stop = async () => {
    emulator?.close();
    await edge?.stop();
    await Promise.all([sqs?.stop(), dynamo?.stop()]);
  };
  try {
    [sqs, dynamo] = await Promise.all([startSqs(), startDynamoDb()]);
    emulator = new EventBridgeEmulator({ sqsEndpoint: sqs.endpoint, retry: { baseDelayMs: 10, maxDelayMs: 50 } });
    edge = await startEdge({
      port: 0,
      routes: {
        sqs: sqs.endpoint,
        s3: sqs.endpoint,
        dynamodb: dynamo.endpoint,
        dynamodbstreams: dynamo.endpoint,
        events: createEventBridgeListener(emulator),
      },
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    edge,
    emulator,
    clientConfig: {
      endpoint: edge.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'offline', secretAccessKey: 'offline' },
    },
    stop,
  };
}
