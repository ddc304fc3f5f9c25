/**
 * What every service's `serverless.ts` shares: how its handlers are bundled and how its HTTP API checks
 * tokens. One copy, so a change (a runtime target, a bundling rule) reaches every service at once.
 */

/**
 * serverless-esbuild settings for every service. `keepNames`: observers are registered and keyed for
 * idempotency by their function's name (`observe()` in @mesh/bus), which minifying would otherwise drop.
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
  // The Lambda runtime ships SDK v3; bundling it would only grow cold starts.
  exclude: ['@aws-sdk/*'],
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
 * { Effect: 'Allow', Action: 'events:PutEvents', Resource: meshBusArn, Condition: { StringEquals: { 'events:source': 'mesh.orders' } } }
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
 * The provider settings every service with functions shares: runtime, architecture, stage and region
 * options, sizing and log retention. Each service spreads it and adds its environment and IAM.
 *
 * @example
 * provider: { ...meshProvider, environment: { ORDERS_TABLE: { Ref: 'OrdersTable' } } }
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
} as const;
