/**
 * Powertools for AWS Lambda (TypeScript) and the X-Ray SDK its Tracer loads reach every function through
 * Powertools' public Lambda layer, not through the function's bundle: 164–215 KB (minified) less in each zip
 * that traces, 24 KB in wsAuthorize (its logger alone).
 * What runs is then the layer's copy, so the layer must carry the very release the tests ran against.
 */

/**
 * The Powertools release the layer carries, and the one every `@aws-lambda-powertools/*` package in
 * package-lock.json must have (a unit test holds them equal): code tested against one release must not run
 * against another, nor its `instanceof` checks meet classes of two copies.
 *
 * To bump: install the new release of every Powertools package at once (they are pinned in
 * packages/bus/package.json), then set this to it; nothing else changes, the layer's ARN follows.
 */
export const POWERTOOLS_VERSION = '2.35.0';

/**
 * The public SSM parameter Powertools publishes in every commercial region for each release, holding that
 * region's ARN of the layer carrying it (`arn:aws:lambda:<region>:094274105915:layer:AWSLambdaPowertoolsTypeScriptV2:<n>`).
 * Layer numbers are not the release numbers and differ across partitions; this name is the release itself.
 */
export const POWERTOOLS_LAYER_PARAMETER = `/aws/service/powertools/typescript/generic/all/${POWERTOOLS_VERSION}`;

/**
 * The layer, for `provider.layers`: a CloudFormation dynamic reference, resolved by CloudFormation in the
 * stack's own region when it deploys (`serverless package` needs no AWS access, and offline never reads it).
 * `Fn::Sub` (with nothing to substitute) only makes it an intrinsic, which is what osls's schema accepts
 * besides a literal `arn:`. The deploying principal needs `ssm:GetParameters` on the parameter.
 *
 * @example
 * provider: { layers: [powertoolsLayer] }
 */
export const powertoolsLayer = { 'Fn::Sub': `{{resolve:ssm:${POWERTOOLS_LAYER_PARAMETER}}}` } as const;

/**
 * The Powertools packages the layer ships (its publisher installs each at the layer's release, with their
 * dependencies, into `/opt/nodejs/node_modules`): layers/src/layer-publisher-stack.ts in
 * aws-powertools/powertools-lambda-typescript. A Powertools package outside this list is bundled as before,
 * never left for a layer that lacks it.
 */
export const POWERTOOLS_LAYER_PACKAGES = [
  '@aws-lambda-powertools/batch',
  '@aws-lambda-powertools/commons',
  '@aws-lambda-powertools/idempotency',
  '@aws-lambda-powertools/jmespath',
  '@aws-lambda-powertools/logger',
  '@aws-lambda-powertools/metrics',
  '@aws-lambda-powertools/parameters',
  '@aws-lambda-powertools/parser',
  '@aws-lambda-powertools/tracer',
] as const;

/**
 * What the bundler leaves to the layer (external, and out of the zip): its Powertools packages (with their
 * subpaths, such as `@aws-lambda-powertools/idempotency/dynamodb`) and the X-Ray SDK, which the layer holds
 * as the Tracer's dependency; the Tracer is the only importer of both the SDK and its semver and cls-hooked.
 */
export const POWERTOOLS_LAYER_MODULES = [...POWERTOOLS_LAYER_PACKAGES, 'aws-xray-sdk-core'] as const;
