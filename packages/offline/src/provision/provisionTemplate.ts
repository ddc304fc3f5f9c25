import { creationOrder } from './creationOrder';
import { provisionDynamoDbTable } from './dynamoDbTable';
import { ProvisionResourceError } from './errors';
import { provisionEventArchive } from './eventArchive';
import { provisionEventBus } from './eventBus';
import { provisionEventRule } from './eventRule';
import { eventSourceMappingSpec } from './eventSourceMapping';
import { whyIgnored } from './ignoredResources';
import { createOfflineClients } from './offlineClients';
import { predictedState } from './predictedState';
import type { ProvisionContext, Provisioner } from './provisioner';
import { resolveIntrinsics, type IntrinsicContext } from './resolveIntrinsics';
import { provisionS3Bucket } from './s3Bucket';
import { provisionSqsQueue } from './sqsQueue';
import type { CloudFormationTemplate, ProvisionOptions, ProvisionResult, ResourceState } from './types';

export const DEFAULT_OFFLINE_REGION = 'us-east-1';
/** The account fauxqs puts in queue URLs and ARNs, and the EventBridge emulator's default. */
export const DEFAULT_OFFLINE_ACCOUNT_ID = '000000000000';

const PROVISIONERS: Record<string, Provisioner> = {
  'AWS::DynamoDB::Table': provisionDynamoDbTable,
  'AWS::SQS::Queue': provisionSqsQueue,
  'AWS::Events::EventBus': provisionEventBus,
  'AWS::Events::Rule': provisionEventRule,
  'AWS::Events::Archive': provisionEventArchive,
  'AWS::S3::Bucket': provisionS3Bucket,
};

/** The properties that name the resources other resources may refer to without them being created offline. */
const NAMING_PROPERTIES = ['FunctionName', 'RoleName', 'Path', 'LogGroupName'];

/**
 * Creates, on the offline mesh behind `endpoint`, every resource of a service's generated CloudFormation that the
 * mesh emulates (tables, queues, buses, rules and targets, archives, buckets), in dependency order and with the
 * template's intrinsics resolved, so offline gets the wiring AWS gets. Running it again updates what exists.
 * Event source mappings come back as specs for the pollers; every other resource is listed as ignored, with why.
 *
 * @example
 * const template = await packageService('services/reminders', 'dev');
 * const { eventSourceMappings, ignored } = await provisionTemplate(template, {
 *   endpoint: 'http://127.0.0.1:4566',
 *   stage: 'dev',
 *   serviceName: 'reminders',
 * });
 * const mappings = startEventSourceMappings(eventSourceMappings, { endpoint, lambdaEndpoint: 'http://127.0.0.1:3002' });
 */
export async function provisionTemplate(
  template: CloudFormationTemplate,
  options: ProvisionOptions,
): Promise<ProvisionResult> {
  const region = options.region ?? DEFAULT_OFFLINE_REGION;
  const accountId = options.accountId ?? DEFAULT_OFFLINE_ACCOUNT_ID;
  const stackName = `${options.serviceName}-${options.stage}`;
  const resources = new Map<string, ResourceState>();
  const intrinsics: IntrinsicContext = {
    region,
    accountId,
    stackName,
    parameters: parameterValues(template, options.params),
    resources,
    logicalIds: new Set(Object.keys(template.Resources)),
  };
  const clients = createOfflineClients(options.endpoint, region);
  const context: ProvisionContext = { clients, region, accountId, stackName, intrinsics };
  const result: ProvisionResult = { created: [], ignored: [], eventSourceMappings: [], outputs: {} };
  /** Deployed function name → its logical id. */
  const functionLogicalIds = new Map<string, string>();

  try {
    for (const logicalId of creationOrder(template)) {
      const resource = template.Resources[logicalId]!;
      const why = whyIgnored(logicalId, resource);
      if (why) {
        result.ignored.push({ logicalId, type: resource.Type, why });
        const state = predict(logicalId, resource.Type, resource.Properties ?? {}, intrinsics);
        if (state) resources.set(logicalId, state);
        if (state && resource.Type === 'AWS::Lambda::Function') functionLogicalIds.set(state.ref, logicalId);
        continue;
      }
      try {
        const properties = resolveIntrinsics(resource.Properties ?? {}, intrinsics) as Record<string, unknown>;
        if (resource.Type === 'AWS::Lambda::EventSourceMapping') {
          result.eventSourceMappings.push(
            await eventSourceMappingSpec(properties, resources, functionLogicalIds, clients.sqs),
          );
          continue;
        }
        const state = await PROVISIONERS[resource.Type]!(logicalId, properties, context);
        resources.set(logicalId, state);
        result.created.push({ logicalId, type: resource.Type, physicalId: state.ref });
      } catch (error) {
        throw new ProvisionResourceError(logicalId, resource.Type, error);
      }
    }
    result.outputs = outputValues(template, intrinsics);
  } finally {
    clients.destroy();
  }
  return result;
}

function parameterValues(
  template: CloudFormationTemplate,
  params: Record<string, string> = {},
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, parameter] of Object.entries(template.Parameters ?? {})) {
    const value = parameter.Default;
    if (value !== undefined) values[name] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return { ...values, ...params };
}

function predict(
  logicalId: string,
  type: string,
  properties: Record<string, unknown>,
  intrinsics: IntrinsicContext,
): ResourceState | undefined {
  const naming = Object.fromEntries(
    NAMING_PROPERTIES.filter((key) => key in properties).map((key) => [key, properties[key]]),
  );
  try {
    return predictedState(
      type,
      logicalId,
      resolveIntrinsics(naming, intrinsics) as Record<string, unknown>,
      intrinsics,
    );
  } catch {
    // A name built from something not known offline: references to this resource will say so.
    return undefined;
  }
}

/** The outputs that resolve offline; those that name resources not created offline are left out. */
function outputValues(template: CloudFormationTemplate, intrinsics: IntrinsicContext): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const [name, output] of Object.entries(template.Outputs ?? {})) {
    if (typeof output !== 'object' || output === null || !('Value' in output)) continue;
    try {
      const value = resolveIntrinsics(output.Value, intrinsics);
      if (value !== undefined) outputs[name] = Array.isArray(value) ? value.join(',') : String(value);
    } catch {
      continue;
    }
  }
  return outputs;
}
