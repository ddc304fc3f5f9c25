/** Shapes of the EventBridge API (AWS JSON 1.1 field names) and of the emulator's state. */

export type RuleState = 'ENABLED' | 'DISABLED' | 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';

/** An event as EventBridge delivers it to targets. */
export interface EventBridgeEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
  /** Set on events re-delivered by a replay. */
  'replay-name'?: string;
}

export interface InputTransformer {
  InputPathsMap?: Record<string, string>;
  InputTemplate: string;
}

export interface RetryPolicy {
  MaximumRetryAttempts?: number;
  MaximumEventAgeInSeconds?: number;
}

/** A rule target as PutTargets accepts it. Target kinds the emulator cannot invoke are kept and reported. */
export interface Target {
  Id: string;
  Arn: string;
  RoleArn?: string;
  Input?: string;
  InputPath?: string;
  InputTransformer?: InputTransformer;
  SqsParameters?: { MessageGroupId?: string };
  RetryPolicy?: RetryPolicy;
  DeadLetterConfig?: { Arn?: string };
  [other: string]: unknown;
}

export interface EventBus {
  name: string;
  arn: string;
  description?: string;
  /** TagResource's tags, by key. */
  tags: Map<string, string>;
  /** The resource policy PutPermission builds (or sets whole), as DescribeEventBus returns it. */
  policy?: BusPolicy;
  creationTime: Date;
  lastModifiedTime: Date;
}

export interface Rule {
  name: string;
  arn: string;
  eventBusName: string;
  eventPattern?: string;
  scheduleExpression?: string;
  state: RuleState;
  description?: string;
  roleArn?: string;
  tags: Map<string, string>;
  /** Compiled once at PutRule. */
  matches: (event: unknown) => boolean;
  targets: Map<string, Target>;
}

export interface ArchivedEvent {
  event: EventBridgeEvent;
  sizeBytes: number;
}

export interface Archive {
  name: string;
  arn: string;
  eventSourceArn: string;
  description?: string;
  eventPattern?: string;
  matches: (event: unknown) => boolean;
  retentionDays: number;
  state: 'ENABLED' | 'DISABLED' | 'CREATING' | 'UPDATING' | 'CREATE_FAILED' | 'UPDATE_FAILED';
  creationTime: Date;
  events: ArchivedEvent[];
  sizeBytes: number;
}

export type ReplayState = 'STARTING' | 'RUNNING' | 'CANCELLING' | 'COMPLETED' | 'CANCELLED' | 'FAILED';

export interface Replay {
  name: string;
  arn: string;
  description?: string;
  eventSourceArn: string;
  destination: { Arn: string; FilterArns?: string[] };
  eventStartTime: Date;
  eventEndTime: Date;
  state: ReplayState;
  stateReason?: string;
  replayStartTime: Date;
  replayEndTime?: Date;
  eventLastReplayedTime?: Date;
}

/** PutEvents request entry. */
export interface PutEventsRequestEntry {
  Time?: number | string;
  Source?: string;
  Resources?: string[];
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  TraceHeader?: string;
}

export interface PutEventsResultEntry {
  EventId?: string;
  ErrorCode?: string;
  ErrorMessage?: string;
}

/** An IAM policy statement of a bus's resource policy. */
export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Principal: string | { AWS: string };
  Action: string;
  Resource: string;
  Condition?: Record<string, Record<string, string>>;
}

export interface BusPolicy {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export type ConnectionAuthorizationType = 'BASIC' | 'API_KEY' | 'OAUTH_CLIENT_CREDENTIALS';
export type ConnectionState =
  'CREATING' | 'UPDATING' | 'AUTHORIZED' | 'DEAUTHORIZED' | 'DEAUTHORIZING' | 'AUTHORIZING' | 'DELETING';

/** Key–value parameters a connection or a target adds to each HTTP request. */
export interface HttpParameterList {
  HeaderParameters?: Array<{ Key: string; Value: string; IsValueSecret?: boolean }>;
  QueryStringParameters?: Array<{ Key: string; Value: string; IsValueSecret?: boolean }>;
  BodyParameters?: Array<{ Key: string; Value: string; IsValueSecret?: boolean }>;
}

/** A connection's authorization, secrets included (DescribeConnection shows it without them). */
export interface ConnectionAuthParameters {
  BasicAuthParameters?: { Username: string; Password?: string };
  ApiKeyAuthParameters?: { ApiKeyName: string; ApiKeyValue?: string };
  OAuthParameters?: {
    ClientParameters: { ClientID: string; ClientSecret?: string };
    AuthorizationEndpoint: string;
    HttpMethod: string;
    OAuthHttpParameters?: HttpParameterList;
  };
  InvocationHttpParameters?: HttpParameterList;
}

export interface Connection {
  name: string;
  arn: string;
  description?: string;
  authorizationType: ConnectionAuthorizationType;
  authParameters: ConnectionAuthParameters;
  state: ConnectionState;
  creationTime: Date;
  lastModifiedTime: Date;
  lastAuthorizedTime?: Date;
}

export interface ApiDestination {
  name: string;
  arn: string;
  description?: string;
  connectionArn: string;
  invocationEndpoint: string;
  httpMethod: string;
  invocationRateLimitPerSecond: number;
  creationTime: Date;
  lastModifiedTime: Date;
}
