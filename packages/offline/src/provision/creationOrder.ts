import { CircularDependencyError } from './errors';
import { intrinsicName } from './resolveIntrinsics';
import type { CloudFormationTemplate } from './types';

/** The logical ids a property value refers to through `Ref`, `Fn::GetAtt` and `Fn::Sub` variables. */
export function referencedLogicalIds(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencedLogicalIds(item, into);
    return into;
  }
  if (typeof value !== 'object' || value === null) return into;
  const name = intrinsicName(value);
  const argument = name ? (value as Record<string, unknown>)[name] : undefined;
  if (name === 'Ref' && typeof argument === 'string') {
    if (!argument.startsWith('AWS::')) into.add(argument);
    return into;
  }
  if (name === 'Fn::GetAtt') {
    const id =
      typeof argument === 'string' ? argument.split('.')[0] : Array.isArray(argument) ? argument[0] : undefined;
    if (typeof id === 'string') into.add(id);
    return into;
  }
  if (name === 'Fn::Sub') {
    const [text, variables] = Array.isArray(argument) ? argument : [argument, {}];
    if (typeof text === 'string') {
      const explicit = typeof variables === 'object' && variables !== null ? variables : {};
      for (const [, expression] of text.matchAll(/\$\{([^}!][^}]*)\}/g)) {
        const id = expression!.trim().split('.')[0]!;
        if (!id.startsWith('AWS::') && !(id in explicit)) into.add(id);
      }
    }
    referencedLogicalIds(variables, into);
    return into;
  }
  for (const item of Object.values(value)) referencedLogicalIds(item, into);
  return into;
}

/**
 * The template's logical ids in an order that creates every resource after the resources it refers to
 * (`Ref`, `Fn::GetAtt`, `Fn::Sub`) or `DependsOn`: DLQs before the queues that redrive to them, buses and
 * target queues before rules. Among independent resources the template's own order is kept.
 *
 * @example
 * creationOrder({ Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['Dlq', 'Arn'] } } } }, Dlq: { Type: 'AWS::SQS::Queue' } } });
 * // ['Dlq', 'Queue']
 */
export function creationOrder(template: CloudFormationTemplate): string[] {
  const ids = Object.keys(template.Resources);
  const known = new Set(ids);
  const dependencies = new Map<string, Set<string>>();
  for (const id of ids) {
    const resource = template.Resources[id]!;
    const refs = referencedLogicalIds(resource.Properties ?? {});
    const dependsOn = resource.DependsOn === undefined ? [] : [resource.DependsOn].flat();
    for (const dependency of dependsOn) refs.add(dependency);
    // Parameters and names outside the template are resolved (or reported) later, not ordered.
    dependencies.set(id, new Set([...refs].filter((ref) => known.has(ref) && ref !== id)));
  }

  const order: string[] = [];
  const placed = new Set<string>();
  while (order.length < ids.length) {
    const next = ids.find((id) => !placed.has(id) && [...dependencies.get(id)!].every((dep) => placed.has(dep)));
    if (next === undefined) {
      const stuck = ids.filter((id) => !placed.has(id));
      throw new CircularDependencyError(`circular dependency between resources: ${stuck.join(', ')}`);
    }
    order.push(next);
    placed.add(next);
  }
  return order;
}
