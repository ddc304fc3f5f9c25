import { meshBusArn } from './serverlessDefaults';
import type { Intrinsic } from './types';

/**
 * One thing a function touches, as the IAM statement that allows it: declared beside the function
 * (`touches` in its `config.ts`) and turned into its own role by {@link functionRoles}.
 */
export interface Access {
  /** Names the grant in the role (an IAM Sid: letters and digits). */
  sid: string;
  actions: string[];
  resources: Intrinsic[];
  condition?: Record<string, unknown>;
}

/** The item and query actions a function may need on a table; a transaction needs the item actions it holds. */
export type TableAction =
  | 'dynamodb:GetItem'
  | 'dynamodb:BatchGetItem'
  | 'dynamodb:Query'
  | 'dynamodb:PutItem'
  | 'dynamodb:UpdateItem'
  | 'dynamodb:DeleteItem'
  | 'dynamodb:ConditionCheckItem';

const arnOf = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });
const words = (text: string) => text.replace(/[^A-Za-z0-9]/g, '');

/**
 * Actions on one of the service's tables (its CloudFormation logical id), or on one of its indexes; with
 * `leadingKeys`, only on items whose partition key starts so (`dynamodb:LeadingKeys`).
 *
 * @example
 * touches: [tableAccess('ThingsTable', ['dynamodb:Query'], { index: 'byOwner' })]
 */
export function tableAccess(
  table: string,
  actions: TableAction[],
  options: { index?: string; leadingKeys?: string[]; sid?: string } = {},
): Access {
  const resource = options.index ? { 'Fn::Join': ['', [arnOf(table), `/index/${options.index}`]] } : arnOf(table);
  return {
    sid: options.sid ?? words(`${table}${options.index ? `Index${options.index}` : ''}`),
    actions,
    resources: [resource],
    ...(options.leadingKeys
      ? { condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': options.leadingKeys } } }
      : {}),
  };
}

/**
 * Reading a table's stream, as a Lambda stream trigger does. {@link functionRoles} adds it by itself for a
 * function's `stream` event; declare it only to read a stream another way.
 *
 * @example
 * touches: [streamAccess('ThingsTable')]
 */
export function streamAccess(table: string): Access {
  return streamRead({ 'Fn::GetAtt': [table, 'StreamArn'] }, words(`Read${table}Stream`));
}

/** @internal the statement of a stream trigger, from its ARN. */
export function streamRead(streamArn: Intrinsic, sid = 'ReadTriggerStream'): Access {
  return {
    sid,
    actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'],
    resources: [streamArn],
  };
}

/** @internal what a Lambda SQS trigger needs on its queue (AWSLambdaSQSQueueExecutionRole's actions). */
export function queueConsume(queueArn: Intrinsic, sid = 'ConsumeTriggerQueue'): Access {
  return {
    sid,
    actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
    resources: [queueArn],
  };
}

/**
 * Sending messages (single or batched: `SendMessageBatch` is authorized as `sqs:SendMessage`) to a queue, by
 * ARN: another service's command queue arrives as a param.
 *
 * @example
 * touches: [sendsTo('${param:stockCommandsQueueArn}', 'SendStockCommands')]
 */
export function sendsTo(queueArn: Intrinsic, sid = 'SendMessages'): Access {
  return { sid, actions: ['sqs:SendMessage'], resources: [queueArn] };
}

/**
 * Publishing to the stage's bus as the service itself only: `events:PutEvents` conditioned on its
 * `events:source` (`mesh.<service>`), alone in its statement.
 *
 * @example
 * touches: [publishesAs('mesh.shop')]
 */
export function publishesAs(source: string): Access {
  return {
    sid: 'PublishOwnEventsOnly',
    actions: ['events:PutEvents'],
    resources: [meshBusArn],
    condition: { StringEquals: { 'events:source': source } },
  };
}

/**
 * Object actions on keys under `prefix` of one of the service's buckets (its logical id).
 *
 * @example
 * touches: [bucketAccess('FilesBucket', ['s3:PutObject'], 'uploads/')]
 */
export function bucketAccess(bucket: string, actions: `s3:${string}Object`[], prefix: string): Access {
  return {
    sid: words(`${bucket}${prefix}`),
    actions,
    resources: [{ 'Fn::Join': ['', [arnOf(bucket), `/${prefix}*`]] }],
  };
}

/**
 * Posting to (and closing) the connections of one of the service's WebSocket APIs, on its stage only.
 *
 * @example
 * touches: [manageConnections('WebsocketsApi')]
 */
export function manageConnections(websocketApi: string): Access {
  return {
    sid: 'PushToConnections',
    actions: ['execute-api:ManageConnections'],
    resources: [
      {
        'Fn::Join': [
          '',
          [
            'arn:',
            { Ref: 'AWS::Partition' },
            ':execute-api:',
            { Ref: 'AWS::Region' },
            ':',
            { Ref: 'AWS::AccountId' },
            ':',
            { Ref: websocketApi },
            '/${sls:stage}/POST/@connections/*',
          ],
        ],
      },
    ],
  };
}
