/** `npm run new`: writes a service, a subscriber or an event contract of the mesh's convention, and wires it in. */
export * from './errors';
export { checkEventName, checkServiceName, checkSubscriberName, camelCase, kebabCase, pascalCase } from './names';
export { readRepo, loadEvents, LAYOUT, type EventInfo, type MeshRepo } from './meshRepo';
export { applyPlan, checkPlan, formatPlan, type Plan, type FileChange, type AfterStep } from './plan';
export { planService, type ServiceRequest } from './planService';
export { planSubscriber, type SubscriberRequest } from './planSubscriber';
export { planEvent, type EventRequest } from './planEvent';
export { addComposeService } from './composeEdit';
export { runNewCli, type NewCliOptions } from './runNewCli';
export { AFTER_STEP_COMMANDS, type RunCommand } from './afterSteps';
