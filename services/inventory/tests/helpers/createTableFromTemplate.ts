import {
  CreateTableCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { CloudFormationTemplate } from '@mesh/testing';

/**
 * Creates a table from an `AWS::DynamoDB::Table` of a packaged template, so a service test runs on the
 * schema that deploys (keys, billing, TTL) and there is no second one to drift. Settings DynamoDB Local
 * ignores (SSE, point-in-time recovery) are left out.
 */
export async function createTableFromTemplate(
  client: DynamoDBClient,
  template: CloudFormationTemplate,
  logicalId: string,
  tableName: string,
): Promise<void> {
  const resource = template.Resources[logicalId];
  if (resource?.Type !== 'AWS::DynamoDB::Table') throw new Error(`${logicalId} is not a DynamoDB table`);
  const props = resource.Properties as unknown as CreateTableCommandInput & {
    TimeToLiveSpecification?: { AttributeName: string; Enabled: boolean };
  };
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions: props.AttributeDefinitions,
      KeySchema: props.KeySchema,
      BillingMode: props.BillingMode,
      ...(props.GlobalSecondaryIndexes ? { GlobalSecondaryIndexes: props.GlobalSecondaryIndexes } : {}),
    }),
  );
  if (props.TimeToLiveSpecification?.Enabled) {
    await client.send(
      new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: props.TimeToLiveSpecification }),
    );
  }
}
