import type { IncomingHttpHeaders } from 'node:http';
import { AWS_SERVICES, type AwsService } from './types';

/** `X-Amz-Target` prefixes of the JSON-protocol services, checked before the credential scope. */
const TARGET_PREFIXES: ReadonlyArray<readonly [string, AwsService]> = [
  // Streams sign with the `dynamodb` scope, so only the target tells them apart from tables.
  ['DynamoDBStreams_20120810.', 'dynamodbstreams'],
  ['DynamoDB_20120810.', 'dynamodb'],
  ['AmazonSQS.', 'sqs'],
  ['AWSEvents.', 'events'],
  ['AWSLambda', 'lambda'],
  ['AWSSecurityTokenServiceV20110615.', 'sts'],
];

/** Lambda's REST API: `/2015-03-31/functions/…`, `/2015-03-31/event-source-mappings/…`, `/2021-10-31/…`. */
const LAMBDA_PATH = /^\/20\d\d-\d\d-\d\d\/(functions|event-source-mappings|layers|tags|account-settings)(\/|\?|$)/;

const SCOPE = /Credential=[^/,\s]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/;
const QUERY_SCOPE = /^[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request$/;

/** Query-protocol actions of SQS, the only ones an unsigned `Action=` request may be routed by. */
const SQS_ACTIONS = new Set([
  'AddPermission',
  'CancelMessageMoveTask',
  'ChangeMessageVisibility',
  'ChangeMessageVisibilityBatch',
  'CreateQueue',
  'DeleteMessage',
  'DeleteMessageBatch',
  'DeleteQueue',
  'GetQueueAttributes',
  'GetQueueUrl',
  'ListDeadLetterSourceQueues',
  'ListMessageMoveTasks',
  'ListQueueTags',
  'ListQueues',
  'PurgeQueue',
  'ReceiveMessage',
  'RemovePermission',
  'SendMessage',
  'SendMessageBatch',
  'SetQueueAttributes',
  'StartMessageMoveTask',
  'TagQueue',
  'UntagQueue',
]);
const STS_ACTIONS = new Set(['GetCallerIdentity', 'AssumeRole', 'GetSessionToken']);
const SNS_ACTIONS = new Set([
  'ConfirmSubscription',
  'CreateTopic',
  'DeleteTopic',
  'GetSubscriptionAttributes',
  'GetTopicAttributes',
  'ListSubscriptions',
  'ListSubscriptionsByTopic',
  'ListTagsForResource',
  'ListTopics',
  'Publish',
  'PublishBatch',
  'SetSubscriptionAttributes',
  'SetTopicAttributes',
  'Subscribe',
  'TagResource',
  'Unsubscribe',
  'UntagResource',
]);

/** What the edge could tell about a request from its head alone. */
export type ServiceMatch =
  | { service: AwsService }
  | { service: undefined; name: string } // a service the edge does not know, e.g. `kinesis`
  | { service: undefined; needsBody: true } // unsigned query protocol: the `Action=` is in the body
  | { service: undefined };

function known(name: string): AwsService | undefined {
  return (AWS_SERVICES as readonly string[]).includes(name) ? (name as AwsService) : undefined;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Tells which AWS service a request is for, as LocalStack's edge does: the `X-Amz-Target` header, else the
 * service in the SigV4 credential scope (header or presigned query), else Lambda's REST paths, else the
 * query protocol's `Action=`. The signature itself is never checked.
 *
 * @example
 * resolveService({ method: 'POST', url: '/', headers: { 'x-amz-target': 'AmazonSQS.SendMessage' } });
 * // → { service: 'sqs' }
 */
export function resolveService(request: { url?: string; headers: IncomingHttpHeaders }): ServiceMatch {
  const target = header(request.headers, 'x-amz-target');
  if (target) {
    const match = TARGET_PREFIXES.find(([prefix]) => target.startsWith(prefix));
    if (match) return { service: match[1] };
  }

  const url = new URL(request.url ?? '/', 'http://edge');
  const scope =
    SCOPE.exec(header(request.headers, 'authorization') ?? '')?.[1] ??
    QUERY_SCOPE.exec(url.searchParams.get('X-Amz-Credential') ?? '')?.[1];
  if (scope) {
    const service = known(scope);
    return service ? { service } : { service: undefined, name: scope };
  }

  if (LAMBDA_PATH.test(url.pathname)) return { service: 'lambda' };

  const action = url.searchParams.get('Action');
  if (action) return serviceOfAction(action);
  if ((header(request.headers, 'content-type') ?? '').startsWith('application/x-www-form-urlencoded')) {
    return { service: undefined, needsBody: true };
  }
  return { service: undefined };
}

/** The service of a query-protocol `Action`, among the query-protocol services we run (SQS, SNS, STS). */
export function serviceOfAction(action: string): ServiceMatch {
  if (SQS_ACTIONS.has(action)) return { service: 'sqs' };
  if (SNS_ACTIONS.has(action)) return { service: 'sns' };
  if (STS_ACTIONS.has(action)) return { service: 'sts' };
  return { service: undefined, name: `Action=${action}` };
}
