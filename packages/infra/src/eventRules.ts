/** An EventBridge rule pattern found in a service's configuration, named for the error that cites it. */
export interface FoundEventRule {
  /** `<service>/<logical id>` for a rule resource, `<service>/<function>` for a function's eventBridge event. */
  readonly name: string;
  readonly pattern: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every event pattern a Serverless service configuration holds: its `AWS::Events::Rule` resources
 * (generated from declarations or written by hand) and its functions' `eventBridge` events. A pattern given
 * as JSON text is parsed; one that is not JSON is returned as the text, for the checker to refuse.
 *
 * @example
 * const rules = eventRulesOf('reminders', require('services/reminders/serverless.ts'));
 */
export function eventRulesOf(service: string, config: unknown): FoundEventRule[] {
  if (!isObject(config)) return [];
  const rules: FoundEventRule[] = [];
  const resources =
    isObject(config.resources) && isObject(config.resources.Resources) ? config.resources.Resources : {};
  for (const [id, resource] of Object.entries(resources)) {
    if (!isObject(resource) || resource.Type !== 'AWS::Events::Rule' || !isObject(resource.Properties)) continue;
    if (resource.Properties.EventPattern === undefined) continue; // a schedule
    rules.push({ name: `${service}/${id}`, pattern: parsed(resource.Properties.EventPattern) });
  }
  const functions = isObject(config.functions) ? config.functions : {};
  for (const [name, fn] of Object.entries(functions)) {
    const events = isObject(fn) && Array.isArray(fn.events) ? fn.events : [];
    for (const event of events) {
      const bridge = isObject(event) && isObject(event.eventBridge) ? event.eventBridge : undefined;
      if (bridge?.pattern !== undefined) rules.push({ name: `${service}/${name}`, pattern: parsed(bridge.pattern) });
    }
  }
  return rules;
}

function parsed(pattern: unknown): unknown {
  if (typeof pattern !== 'string') return pattern;
  try {
    return JSON.parse(pattern) as unknown;
  } catch {
    return pattern;
  }
}
