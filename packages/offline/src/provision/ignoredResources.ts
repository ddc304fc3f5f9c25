import type { CloudFormationResource } from './types';

/** The reason each resource type is not created offline; anything not listed and not provisioned is unknown. */
const REASONS: [RegExp, string][] = [
  [/^AWS::IAM::/, 'IAM is not enforced offline'],
  [/^AWS::CloudWatch::/, 'CloudWatch alarms and dashboards are not emulated offline'],
  [/^AWS::Logs::/, 'serverless-offline writes function logs to the console'],
  [
    /^AWS::Lambda::(Function|Version|Permission|Alias|EventInvokeConfig|LayerVersion|Url)$/,
    'serverless-offline serves the functions',
  ],
  [/^AWS::S3::BucketPolicy$/, 'bucket policies are not enforced offline'],
  [/^AWS::SQS::QueuePolicy$/, 'queue policies are not enforced offline'],
  [/^AWS::Events::EventBusPolicy$/, 'event bus policies are not enforced offline'],
  [/^AWS::ApiGateway(V2)?::/, 'serverless-offline serves the HTTP and WebSocket APIs'],
];

/** Types `provisionTemplate` creates (or, for event source mappings, hands to the pollers). */
export const PROVISIONED_TYPES = new Set([
  'AWS::DynamoDB::Table',
  'AWS::SQS::Queue',
  'AWS::Events::EventBus',
  'AWS::Events::Rule',
  'AWS::Events::Archive',
  'AWS::S3::Bucket',
  'AWS::Lambda::EventSourceMapping',
]);

/** The bucket Serverless uploads its deployment artifacts to: there is nothing to upload offline. */
const DEPLOYMENT_BUCKET = 'ServerlessDeploymentBucket';

/**
 * Why a resource is left out of the offline mesh, or undefined when it is provisioned. Unknown types are
 * "not emulated offline", so the runner can say what is missing rather than pretend.
 *
 * @example
 * whyIgnored('IamRoleLambdaExecution', { Type: 'AWS::IAM::Role' }); // 'IAM is not enforced offline'
 */
export function whyIgnored(logicalId: string, resource: CloudFormationResource): string | undefined {
  if (resource.Condition !== undefined)
    return `conditional resources (Condition ${resource.Condition}) are not evaluated offline`;
  if (resource.Type === 'AWS::S3::Bucket' && logicalId === DEPLOYMENT_BUCKET) {
    return 'the Serverless deployment bucket holds artifacts, which are not uploaded offline';
  }
  if (PROVISIONED_TYPES.has(resource.Type)) return undefined;
  return REASONS.find(([pattern]) => pattern.test(resource.Type))?.[1] ?? 'not emulated offline';
}
