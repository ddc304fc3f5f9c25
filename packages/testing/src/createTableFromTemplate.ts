import {
  CreateTableCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { CloudFormationTemplate } from './packageService';

/**
 * Creates a table (on DynamoDB Local) from an `AWS::DynamoDB::Table` of a packaged template, so a service
 * test runs on the schema that deploys: keys, indexes, billing, stream and TTL. Settings DynamoDB Local
 * ignores (SSE, point-in-time recovery) are left out.
 *
 * @example
 * await createTableFromTemplate(client, template, 'RemindersTable', 'reminders-fuzz');
 */
export async function createTableFromTemplate(
  client: DynamoDBClient,
  template: CloudFormationTemplate,
  logicalId: string,
  tableName: string,
): Promise<void> {
  const resource = template.Resources[logicalId];
  if (resource?.Type !== 'AWS::DynamoDB::Table') throw new Error(`${logicalId} is not a DynamoDB table`);
  const props = resource.Properties as unknown as Omit<CreateTableCommandInput, 'StreamSpecification'> & {
    TimeToLiveSpecification?: { AttributeName: string; Enabled: boolean };
    StreamSpecification?: { StreamViewType: 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY' };
  };
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions: props.AttributeDefinitions,
      KeySchema: props.KeySchema,
      BillingMode: props.BillingMode,
      ...(props.GlobalSecondaryIndexes ? { GlobalSecondaryIndexes: props.GlobalSecondaryIndexes } : {}),
      ...(props.StreamSpecification
        ? { StreamSpecification: { StreamEnabled: true, ...props.StreamSpecification } }
        : {}),
    }),
  );
  if (props.TimeToLiveSpecification?.Enabled) {
    await client.send(
      new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: props.TimeToLiveSpecification }),
    );
  }
}
