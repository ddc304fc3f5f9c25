import type {
  _Record as StreamsRecord,
  AttributeValue as StreamsAttributeValue,
} from '@aws-sdk/client-dynamodb-streams';

/**
 * An attribute value as Lambda delivers it in a DynamoDB Streams event: the DynamoDB JSON shape, with binary
 * values base64-encoded (the SDK hands them to us as bytes).
 */
export interface DynamoDBAttributeValue {
  B?: string;
  BS?: string[];
  BOOL?: boolean;
  L?: DynamoDBAttributeValue[];
  M?: Record<string, DynamoDBAttributeValue>;
  N?: string;
  NS?: string[];
  NULL?: boolean;
  S?: string;
  SS?: string[];
}

export type DynamoDBImage = Record<string, DynamoDBAttributeValue>;

export type DynamoDBStreamViewType = 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';

/** The `dynamodb` part of a record, as in Lambda's event. */
export interface DynamoDBStreamRecord {
  /** Seconds since the epoch, as Lambda sends it (the SDK returns a Date). */
  ApproximateCreationDateTime?: number;
  Keys?: DynamoDBImage;
  NewImage?: DynamoDBImage;
  OldImage?: DynamoDBImage;
  SequenceNumber?: string;
  SizeBytes?: number;
  StreamViewType?: DynamoDBStreamViewType;
}

/** One record of a DynamoDB Streams event, in the shape Lambda's event source mapping delivers. */
export interface DynamoDBRecord {
  eventID?: string;
  eventName?: 'INSERT' | 'MODIFY' | 'REMOVE';
  eventVersion?: string;
  eventSource?: string;
  awsRegion?: string;
  dynamodb?: DynamoDBStreamRecord;
  userIdentity?: { type?: string; principalId?: string };
  eventSourceARN?: string;
}

export interface DynamoDBStreamEvent {
  Records: DynamoDBRecord[];
}

/** Lambda's partial batch response (`ReportBatchItemFailures`): each identifier is a record's SequenceNumber. */
export interface DynamoDBBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

export type DynamoDBStreamHandler = (event: DynamoDBStreamEvent) => Promise<void | DynamoDBBatchResponse>;

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

function toLambdaValue(value: StreamsAttributeValue): DynamoDBAttributeValue {
  if (value.B !== undefined) return { B: toBase64(value.B) };
  if (value.BS !== undefined) return { BS: value.BS.map(toBase64) };
  if (value.L !== undefined) return { L: value.L.map(toLambdaValue) };
  if (value.M !== undefined) return { M: toLambdaImage(value.M) };
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: value.NULL };
  if (value.SS !== undefined) return { SS: value.SS };
  if (value.NS !== undefined) return { NS: value.NS };
  return {};
}

function toLambdaImage(image: Record<string, StreamsAttributeValue>): DynamoDBImage {
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, toLambdaValue(value)]));
}

/**
 * Turns a record read with `@aws-sdk/client-dynamodb-streams` into the record Lambda would deliver for it.
 *
 * @example
 * const { Records = [] } = await streams.send(new GetRecordsCommand({ ShardIterator }));
 * const event = { Records: Records.map((record) => toLambdaRecord(record, streamArn)) };
 */
export function toLambdaRecord(record: StreamsRecord, eventSourceARN: string, awsRegion?: string): DynamoDBRecord {
  const source = record.dynamodb ?? {};
  const dynamodb: DynamoDBStreamRecord = {};
  if (source.ApproximateCreationDateTime) {
    dynamodb.ApproximateCreationDateTime = Math.floor(source.ApproximateCreationDateTime.getTime() / 1000);
  }
  if (source.Keys) dynamodb.Keys = toLambdaImage(source.Keys);
  if (source.NewImage) dynamodb.NewImage = toLambdaImage(source.NewImage);
  if (source.OldImage) dynamodb.OldImage = toLambdaImage(source.OldImage);
  if (source.SequenceNumber !== undefined) dynamodb.SequenceNumber = source.SequenceNumber;
  if (source.SizeBytes !== undefined) dynamodb.SizeBytes = source.SizeBytes;
  if (source.StreamViewType) dynamodb.StreamViewType = source.StreamViewType;

  const lambda: DynamoDBRecord = {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: awsRegion ?? record.awsRegion,
    dynamodb,
    eventSourceARN,
  };
  if (record.userIdentity) {
    lambda.userIdentity = { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId };
  }
  return lambda;
}
