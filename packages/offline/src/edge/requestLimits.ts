import type { AwsService } from './types';

/**
 * Largest request body the edge accepts per service. AWS documents a request quota for Lambda's Invoke
 * (6 MB, synchronous) and DynamoDB's batch writes (16 MB, the largest of the JSON APIs the edge serves); the
 * message quotas inside those bodies (SQS 1 MiB, EventBridge 1 MB of entries, SNS 256 KiB) are each service's
 * own to refuse with its own error, so their requests get DynamoDB's ceiling. S3 streams objects up to 5 GB:
 * no ceiling.
 */
export const MAX_REQUEST_BYTES: Readonly<Record<AwsService, number | undefined>> = {
  lambda: 6 * 1024 * 1024,
  dynamodb: 16 * 1024 * 1024,
  dynamodbstreams: 16 * 1024 * 1024,
  sqs: 16 * 1024 * 1024,
  sns: 16 * 1024 * 1024,
  sts: 16 * 1024 * 1024,
  events: 16 * 1024 * 1024,
  scheduler: 16 * 1024 * 1024,
  s3: undefined,
};

/** A request whose service is not known yet (its `Action` is in the body) is read up to this many bytes. */
export const MAX_UNROUTED_REQUEST_BYTES = 16 * 1024 * 1024;

/** The exception AWS names for a request over its quota: Lambda's own, S3's, else the generic one. */
export function tooLargeCode(service: AwsService | undefined): string {
  if (service === 'lambda') return 'RequestTooLargeException';
  if (service === 's3') return 'EntityTooLarge';
  return 'RequestEntityTooLargeException';
}
