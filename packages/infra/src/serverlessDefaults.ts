/**
 * What every service's `serverless.ts` shares: how its handlers are bundled and how its HTTP API checks
 * tokens. One copy, so a change (a runtime target, a bundling rule) reaches every service at once.
 */
import { POWERTOOLS_LAYER_MODULES, powertoolsLayer } from './powertoolsLayer';

/**
 * serverless-esbuild settings for every service. `keepNames`: observers are registered and keyed for
 * idempotency by their function's name (`observe()` in @mesh/bus), which minifying would otherwise drop.
 * `exclude` is external to esbuild and kept out of the zip: what the Lambda runtime or the Powertools layer
 * ({@link meshProvider}'s `layers`) supplies. Offline, serverless-offline runs the bundle from
 * `<service>/.mesh/esbuild-<stage>`, where Node resolves the same modules from the repository's node_modules
 * (the layer's release: see `POWERTOOLS_VERSION`).
 *
 * @example
 * custom: { esbuild: meshEsbuild }
 */
export const meshEsbuild = {
  bundle: true,
  minify: true,
  keepNames: true,
  sourcemap: 'linked',
  target: 'node22',
  platform: 'node',
  // The Lambda runtime ships SDK v3; bundling it would only grow cold starts. Powertools and the X-Ray SDK
  // come from the Powertools layer.
  exclude: ['@aws-sdk/*', ...POWERTOOLS_LAYER_MODULES],
  // Offline only (serverless-offline): a change to the service's sources or to a workspace package's rebuilds
  // the functions, which serverless-offline reloads without a restart. The ignores are serverless-esbuild's
  // own, which a `watch` of ours would otherwise replace (the mesh's bundles live under .mesh/).
  watch: {
    pattern: ['./**/*.(js|ts)', '../../packages/*/src/**/*.(js|ts)'],
    ignore: ['.esbuild', '.mesh', 'dist', 'node_modules', '.build', '**/tests/**'],
    // A save that truncates then writes fires once (chokidar throttles a file's changes): without waiting for
    // the size to settle, the rebuild could read the empty file and serve a module without its handler.
    chokidar: { ignoreInitial: true, awaitWriteFinish: { stabilityThreshold: 100, pollInterval: 25 } },
  },
} as const;

/** The name of the HTTP API JWT authorizer every service's routes use. */
export const JWT_AUTHORIZER = 'meshJwt';

/**
 * The HTTP API's JWT authorizer, from the `jwtIssuer` and `jwtAudience` params.
 *
 * @example
 * provider: { httpApi: { authorizers: meshJwtAuthorizers } }
 */
export const meshJwtAuthorizers = {
  [JWT_AUTHORIZER]: {
    type: 'jwt',
    identitySource: '$request.header.Authorization',
    issuerUrl: '${param:jwtIssuer}',
    audience: ['${param:jwtAudience}'],
  },
} as const;

/**
 * serverless-offline settings: it refuses to start an HTTP API JWT authorizer unless signatures are
 * skipped offline (it then checks only iss, aud and exp); the handlers verify the development token's
 * signature themselves offline (`requestClaims` in @mesh/bus). Never affects a deployment.
 */
export const meshOffline = { ignoreJWTSignature: true } as const;

/**
 * The ARN of the mesh's bus, built (not imported): the bus belongs to services/bus and its name arrives
 * as the `eventBusName` param (from serverless-compose, or its default when packaging).
 *
 * @example
 * { Effect: 'Allow', Action: 'events:PutEvents', Resource: meshBusArn, Condition: { StringEquals: { 'events:source': 'mesh.loans' } } }
 */
export const meshBusArn = {
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':events:',
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      ':event-bus/${param:eventBusName}',
    ],
  ],
} as const;

/**
 * An HTTP API's access log line (JSON): API Gateway's request id, and the Lambda request id it invoked
 * (`integrationRequestId`), which is on every Powertools log line of that invocation (`function_request_id`)
 * next to the correlation id — an HTTP API's access log cannot read a request header itself. No query
 * string, no headers: nothing a token could hide in.
 */
export const HTTP_API_ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  extendedRequestId: '$context.extendedRequestId',
  integrationRequestId: '$context.integration.requestId',
  requestTime: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  customerId: '$context.authorizer.claims.sub',
});

/**
 * A WebSocket API's access log line (JSON). The `$connect` token travels in the query string, so neither
 * it nor execution logs (which would hold full requests) are ever written.
 */
export const WEBSOCKET_ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  extendedRequestId: '$context.extendedRequestId',
  requestTime: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  connectionId: '$context.connectionId',
  eventType: '$context.eventType',
  routeKey: '$context.routeKey',
  status: '$context.status',
  integrationLatency: '$context.integrationLatency',
  error: '$context.error.message',
});

/**
 * The provider settings every service with functions shares: runtime, architecture, stage and region
 * options, sizing, log retention, X-Ray and the APIs' access logs. Each service spreads it and adds its
 * environment and IAM.
 *
 * - `tracing.lambda`: X-Ray active tracing on every function (osls grants the default role
 *   `xray:PutTraceSegments`/`PutTelemetryRecords`; a function with a role of its own needs
 *   {@link meshXrayStatement}). API Gateway traces REST APIs only: the mesh's HTTP APIs and WebSocket APIs
 *   have no stage setting for X-Ray, so a request's trace starts at its Lambda function.
 * - `layers`: the Powertools layer of the installed Powertools release, in the stack's region
 *   ({@link powertoolsLayer}); the bundles leave Powertools and the X-Ray SDK to it ({@link meshEsbuild}).
 * - `logs`: JSON access logs for HTTP and WebSocket APIs. WebSocket (like REST) logging needs the account's
 *   API Gateway CloudWatch role, set once per account and region (`aws apigateway update-account`), not by
 *   a privileged custom resource in every stack (`roleManagedExternally`).
 *
 * @example
 * provider: { ...meshProvider, environment: { LOANS_TABLE: { Ref: 'LoansTable' } } }
 */
export const meshProvider = {
  name: 'aws',
  runtime: 'nodejs22.x',
  architecture: 'arm64',
  stage: '${opt:stage, "dev"}',
  region: '${opt:region, "us-east-1"}',
  memorySize: 256,
  timeout: 30,
  logRetentionInDays: 14,
  tracing: { lambda: true },
  layers: [powertoolsLayer],
  logs: {
    httpApi: { format: HTTP_API_ACCESS_LOG_FORMAT },
    websocket: {
      accessLogging: true,
      executionLogging: false,
      fullExecutionData: false,
      format: WEBSOCKET_ACCESS_LOG_FORMAT,
    },
    restApi: { roleManagedExternally: true },
  },
} as const;

/**
 * What a function with a role of its own needs for active tracing: X-Ray takes segments on no resource
 * narrower than `*`. (osls adds it to the service's default role itself.)
 *
 * @example
 * Statement: [ownLogs, meshXrayStatement, ...statements]
 */
export const meshXrayStatement = {
  Sid: 'XRayTracing',
  Effect: 'Allow',
  Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
  Resource: ['*'],
} as const;

/** The name of a stage's alarm topic (SNS), which services/bus owns: `mesh-<stage>-alarms`. */
export const MESH_ALARM_TOPIC_NAME = 'mesh-${sls:stage}-alarms';

/**
 * The ARN of the stage's alarm topic, built (not imported), as {@link meshBusArn}: the topic belongs to
 * services/bus, which serverless-compose deploys first. Every alarm notifies it on ALARM and OK.
 *
 * @example
 * { Type: 'AWS::CloudWatch::Alarm', Properties: { ..., AlarmActions: [meshAlarmTopicArn], OKActions: [meshAlarmTopicArn] } }
 */
export const meshAlarmTopicArn = {
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':sns:',
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      `:${MESH_ALARM_TOPIC_NAME}`,
    ],
  ],
} as const;

/**
 * What every alarm of the mesh sets so that it reaches someone: the stage's alarm topic, on ALARM and on OK.
 *
 * @example
 * Properties: { AlarmDescription, ...meshAlarmActions, Namespace: 'AWS/SQS', ... }
 */
export const meshAlarmActions = { AlarmActions: [meshAlarmTopicArn], OKActions: [meshAlarmTopicArn] } as const;
