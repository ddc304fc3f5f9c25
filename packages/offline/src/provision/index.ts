/** Public API of offline provisioning: a service's generated CloudFormation → resources on the offline mesh. */
export { provisionTemplate, DEFAULT_OFFLINE_ACCOUNT_ID, DEFAULT_OFFLINE_REGION } from './provisionTemplate';
export { resolveIntrinsics, type IntrinsicContext } from './resolveIntrinsics';
export { creationOrder, referencedLogicalIds } from './creationOrder';
export { whyIgnored } from './ignoredResources';
export {
  CircularDependencyError,
  ProvisionResourceError,
  TableReplacementRequiredError,
  UnresolvableReferenceError,
  UnsupportedIntrinsicError,
} from './errors';
export type {
  CloudFormationResource,
  CloudFormationTemplate,
  EventSourceMappingSpec,
  ProvisionOptions,
  ProvisionResult,
  ResourceState,
} from './types';
