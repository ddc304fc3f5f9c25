import type { CloudFormationTemplate } from '@mesh/testing';
import { iamStatements, refOf, renderResource, type LocatedStatement } from './securityRules';

const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** Each queue's DLQ (its RedrivePolicy's deadLetterTargetArn), by logical id. */
export function deadLetterQueues(template: CloudFormationTemplate): Map<string, string> {
  const dlqs = new Map<string, string>();
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::SQS::Queue') continue;
    const redrive = resource.Properties.RedrivePolicy as { deadLetterTargetArn?: unknown } | undefined;
    const dlq = refOf(redrive?.deadLetterTargetArn);
    if (dlq) dlqs.set(id, dlq);
  }
  return dlqs;
}

// The roles of the functions that consume each queue (through an event source mapping).
function consumerRoles(template: CloudFormationTemplate): Map<string, Set<string>> {
  const roles = new Map<string, Set<string>>();
  for (const resource of Object.values(template.Resources)) {
    if (resource.Type !== 'AWS::Lambda::EventSourceMapping') continue;
    const queue = refOf(resource.Properties.EventSourceArn);
    const fn = refOf(resource.Properties.FunctionName);
    const role = fn ? refOf(template.Resources[fn]?.Properties.Role) : undefined;
    if (!queue || !role) continue;
    roles.set(queue, (roles.get(queue) ?? new Set()).add(role));
  }
  return roles;
}

const sendsTo = ({ statement }: LocatedStatement, template: CloudFormationTemplate): string[] =>
  statement.Effect === 'Allow' && list(statement.Action).includes('sqs:SendMessage')
    ? list(statement.Resource as unknown).map((r) => renderResource(r, template))
    : [];

/**
 * The bus moves the messages a consumer gives up on to its own DLQ (SendMessage from the handler), so:
 * the role of each function consuming a queue with a DLQ may send to that DLQ, and no role may send to a
 * DLQ whose queue it does not consume (one consumer cannot forge another's dead letters).
 */
export function deadLetterSendViolations(template: CloudFormationTemplate): string[] {
  const dlqOf = deadLetterQueues(template);
  const queueOfDlq = new Map([...dlqOf].map(([queue, dlq]) => [`{own:${dlq}}`, queue]));
  const consumers = consumerRoles(template);
  const statements = iamStatements(template);
  const violations: string[] = [];
  for (const [queue, roles] of consumers) {
    const dlq = dlqOf.get(queue);
    if (!dlq) continue;
    for (const role of roles) {
      const granted = statements
        .filter((s) => s.where.startsWith(`${role}/`))
        .some((s) => sendsTo(s, template).includes(`{own:${dlq}}`));
      if (!granted) violations.push(`${role} consumes ${queue} but may not send to its DLQ ${dlq}`);
    }
  }
  for (const located of statements) {
    const role = located.where.split('/')[0]!;
    for (const target of sendsTo(located, template)) {
      const queue = queueOfDlq.get(target);
      if (queue && !consumers.get(queue)?.has(role)) {
        violations.push(`${located.where} may send to ${target}, the DLQ of ${queue}, which it does not consume`);
      }
    }
  }
  return violations;
}
