import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';

/** The emulators check no signature; DynamoDB Local only wants an alphanumeric access key id. */
export const OFFLINE_CLIENT_CREDENTIALS = { accessKeyId: 'offline', secretAccessKey: 'offline' };

/** The real AWS SDK v3 clients, every one pointed at the edge endpoint. */
export interface OfflineClients {
  sqs: SQSClient;
  dynamodb: DynamoDBClient;
  events: EventBridgeClient;
  s3: S3Client;
  destroy(): void;
}

export function createOfflineClients(endpoint: string, region: string): OfflineClients {
  const config = { endpoint, region, credentials: OFFLINE_CLIENT_CREDENTIALS };
  const clients = {
    sqs: new SQSClient(config),
    dynamodb: new DynamoDBClient(config),
    events: new EventBridgeClient(config),
    // `<bucket>.localhost` does not resolve on Linux: path style always works (docs/offline.md).
    s3: new S3Client({ ...config, forcePathStyle: true }),
  };
  return {
    ...clients,
    destroy() {
      for (const client of Object.values(clients)) client.destroy();
    },
  };
}
