/** One resource of a CloudFormation template, as `serverless package` writes it. */
export interface CloudFormationResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
  Condition?: string;
}

/** The parts of a CloudFormation template the offline mesh reads. */
export interface CloudFormationTemplate {
  Resources: Record<string, CloudFormationResource>;
  Parameters?: Record<string, { Default?: unknown; [key: string]: unknown }>;
  Outputs?: Record<string, unknown>;
}

export interface ProvisionOptions {
  /** The edge URL every AWS SDK client is pointed at, e.g. `http://127.0.0.1:4566`. */
  endpoint: string;
  /** `us-east-1` by default. */
  region?: string;
  /** `000000000000` by default (the account fauxqs and the EventBridge emulator use). */
  accountId?: string;
  stage: string;
  serviceName: string;
  /**
   * Values for the template's `Parameters` (over their `Default`) and for `Fn::ImportValue` (by export name),
   * e.g. outputs of another service's template.
   */
  params?: Record<string, string>;
}

/** A Lambda event source mapping of the template, for the offline pollers. */
export interface EventSourceMappingSpec {
  functionLogicalId: string;
  /** The deployed function's name, e.g. `reminders-dev-loanEvents` (serverless-offline serves it so). */
  functionName: string;
  kind: 'sqs' | 'dynamodb';
  sourceArn: string;
  queueUrl?: string;
  batchSize: number;
  maximumBatchingWindowSeconds: number;
  reportBatchItemFailures: boolean;
  /** SQS: `ScalingConfig.MaximumConcurrency`, the most batches in flight at once (2–1000); unset, Lambda's own. */
  maximumConcurrency?: number;
  startingPosition?: 'TRIM_HORIZON' | 'LATEST';
  enabled: boolean;
  /** Streams: retries of a failing batch before it goes to `onFailureQueueUrl` (Lambda's default -1: forever). */
  maximumRetryAttempts?: number;
  /** Streams: the SQS queue of `DestinationConfig.OnFailure`, which receives what the retries could not deliver. */
  onFailureQueueUrl?: string;
}

export interface ProvisionResult {
  created: { logicalId: string; type: string; physicalId: string }[];
  ignored: { logicalId: string; type: string; why: string }[];
  eventSourceMappings: EventSourceMappingSpec[];
  /** The template's outputs that could be resolved offline, by output name. */
  outputs: Record<string, string>;
}

/** What a provisioned (or, for resources served elsewhere, predicted) resource answers to `Ref` and `Fn::GetAtt`. */
export interface ResourceState {
  ref: string;
  attributes: Record<string, string>;
}
