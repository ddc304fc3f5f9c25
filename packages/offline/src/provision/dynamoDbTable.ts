import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type CreateTableCommandInput,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  type LocalSecondaryIndex,
  type ProvisionedThroughput,
  type StreamViewType,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { TableReplacementRequiredError } from './errors';
import { generatedName } from './physicalNames';
import { errorName, type ProvisionContext, type Provisioner } from './provisioner';

interface TableProperties {
  TableName?: string;
  AttributeDefinitions?: AttributeDefinition[];
  KeySchema?: KeySchemaElement[];
  BillingMode?: 'PAY_PER_REQUEST' | 'PROVISIONED';
  ProvisionedThroughput?: ProvisionedThroughput;
  GlobalSecondaryIndexes?: GlobalSecondaryIndex[];
  LocalSecondaryIndexes?: LocalSecondaryIndex[];
  StreamSpecification?: { StreamViewType?: StreamViewType };
  TimeToLiveSpecification?: { AttributeName?: string; Enabled?: boolean | string };
}

/**
 * AWS::DynamoDB::Table → a table on DynamoDB Local: keys, GSIs and LSIs, billing, stream and TTL (SSE, point-in-time
 * recovery, contributor insights and tags have no meaning offline). An existing table gets missing GSIs, the
 * template's stream and TTL; a key schema change throws {@link TableReplacementRequiredError}, since DynamoDB
 * cannot change keys in place. `Ref` is the name; `Fn::GetAtt` gives `Arn` and `StreamArn`.
 */
export const provisionDynamoDbTable: Provisioner = async (logicalId, properties, context) => {
  const table = properties as TableProperties;
  const tableName = table.TableName ?? generatedName(context.stackName, logicalId, { maxLength: 255 });
  const input = createTableInput(tableName, table);

  let description: TableDescription | undefined;
  try {
    ({ TableDescription: description } = await context.clients.dynamodb.send(new CreateTableCommand(input)));
  } catch (error) {
    if (!/ResourceInUse/.test(errorName(error))) throw error;
    description = await updateTable(input, await describe(tableName, context), context);
  }
  await applyTimeToLive(tableName, table.TimeToLiveSpecification, context);
  if (!description?.TableArn) description = await describe(tableName, context);

  const attributes: Record<string, string> = { Arn: description.TableArn ?? '' };
  if (description.LatestStreamArn && description.StreamSpecification?.StreamEnabled) {
    attributes.StreamArn = description.LatestStreamArn;
  }
  return { ref: tableName, attributes };
};

function createTableInput(tableName: string, table: TableProperties): CreateTableCommandInput {
  // CloudFormation's default billing is PROVISIONED, which requires a throughput.
  const billingMode = table.BillingMode ?? (table.ProvisionedThroughput ? 'PROVISIONED' : 'PAY_PER_REQUEST');
  const provisioned = billingMode === 'PROVISIONED';
  const throughput = (value?: ProvisionedThroughput) =>
    provisioned ? { ProvisionedThroughput: value ?? { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } } : {};
  return {
    TableName: tableName,
    AttributeDefinitions: table.AttributeDefinitions,
    KeySchema: table.KeySchema,
    BillingMode: billingMode,
    ...throughput(table.ProvisionedThroughput),
    ...(table.GlobalSecondaryIndexes?.length
      ? {
          GlobalSecondaryIndexes: table.GlobalSecondaryIndexes.map((index) => ({
            IndexName: index.IndexName,
            KeySchema: index.KeySchema,
            Projection: index.Projection,
            ...throughput(index.ProvisionedThroughput),
          })),
        }
      : {}),
    ...(table.LocalSecondaryIndexes?.length
      ? {
          LocalSecondaryIndexes: table.LocalSecondaryIndexes.map((index) => ({
            IndexName: index.IndexName,
            KeySchema: index.KeySchema,
            Projection: index.Projection,
          })),
        }
      : {}),
    ...(table.StreamSpecification?.StreamViewType
      ? { StreamSpecification: { StreamEnabled: true, StreamViewType: table.StreamSpecification.StreamViewType } }
      : {}),
  };
}

async function describe(tableName: string, context: ProvisionContext): Promise<TableDescription> {
  const { Table } = await context.clients.dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
  if (!Table) throw new Error(`DynamoDB did not describe table ${tableName}`);
  return Table;
}

const keysText = (keys: KeySchemaElement[] | undefined) =>
  (keys ?? []).map((key) => `${key.AttributeName}:${key.KeyType}`).join(',');

async function updateTable(
  input: CreateTableCommandInput,
  existing: TableDescription,
  context: ProvisionContext,
): Promise<TableDescription> {
  const tableName = input.TableName!;
  if (keysText(existing.KeySchema) !== keysText(input.KeySchema)) {
    throw new TableReplacementRequiredError(
      `table ${tableName} exists with keys ${keysText(existing.KeySchema)}, the template wants ` +
        `${keysText(input.KeySchema)}: delete the offline table (or its persisted data) to recreate it`,
    );
  }
  const { dynamodb } = context.clients;
  const have = new Set((existing.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  for (const index of input.GlobalSecondaryIndexes ?? []) {
    if (have.has(index.IndexName)) continue;
    await dynamodb.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: input.AttributeDefinitions,
        GlobalSecondaryIndexUpdates: [{ Create: index }],
      }),
    );
  }

  const wanted = input.StreamSpecification?.StreamViewType;
  const current = existing.StreamSpecification?.StreamEnabled ? existing.StreamSpecification.StreamViewType : undefined;
  if (wanted !== current) {
    // A stream's view type cannot change while it is enabled: disable it first.
    if (current) {
      await dynamodb.send(
        new UpdateTableCommand({ TableName: tableName, StreamSpecification: { StreamEnabled: false } }),
      );
    }
    if (wanted) {
      await dynamodb.send(
        new UpdateTableCommand({
          TableName: tableName,
          StreamSpecification: { StreamEnabled: true, StreamViewType: wanted },
        }),
      );
    }
  }
  return describe(tableName, context);
}

async function applyTimeToLive(
  tableName: string,
  spec: TableProperties['TimeToLiveSpecification'],
  context: ProvisionContext,
): Promise<void> {
  const { dynamodb } = context.clients;
  const wanted = spec && String(spec.Enabled) === 'true' ? spec.AttributeName : undefined;
  const { TimeToLiveDescription } = await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  const enabled =
    TimeToLiveDescription?.TimeToLiveStatus === 'ENABLED' || TimeToLiveDescription?.TimeToLiveStatus === 'ENABLING';
  const current = enabled ? TimeToLiveDescription?.AttributeName : undefined;
  if (wanted === current) return;
  if (current) {
    await dynamodb.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: current, Enabled: false },
      }),
    );
  }
  if (wanted) {
    await dynamodb.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: wanted, Enabled: true },
      }),
    );
  }
}
