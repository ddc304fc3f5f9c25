import {
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  type Target,
} from '@aws-sdk/client-eventbridge';
import { generatedName } from './physicalNames';
import { jsonText, optionalString, type Provisioner } from './provisioner';

/**
 * AWS::Events::Rule → a rule on the offline EventBridge with the template's pattern or schedule, state and
 * targets (ARNs resolved; SqsParameters, Input/InputPath/InputTransformer, DeadLetterConfig and RetryPolicy as
 * written). PutRule and PutTargets are upserts; targets no longer in the template are removed. `Ref` is the
 * rule's name; `Fn::GetAtt` gives `Arn`.
 */
export const provisionEventRule: Provisioner = async (logicalId, properties, context) => {
  const { events } = context.clients;
  const name = optionalString(properties.Name) ?? generatedName(context.stackName, logicalId, { maxLength: 64 });
  const eventBusName = optionalString(properties.EventBusName);
  const { RuleArn } = await events.send(
    new PutRuleCommand({
      Name: name,
      EventBusName: eventBusName,
      EventPattern: jsonText(properties.EventPattern),
      ScheduleExpression: optionalString(properties.ScheduleExpression),
      State: optionalString(properties.State) as 'ENABLED' | 'DISABLED' | undefined,
      Description: optionalString(properties.Description),
      RoleArn: optionalString(properties.RoleArn),
    }),
  );

  const targets = (Array.isArray(properties.Targets) ? properties.Targets : []) as Target[];
  const wanted = new Set(targets.map((target) => target.Id));
  const stale: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await events.send(
      new ListTargetsByRuleCommand({ Rule: name, EventBusName: eventBusName, NextToken: nextToken }),
    );
    for (const target of page.Targets ?? []) if (target.Id && !wanted.has(target.Id)) stale.push(target.Id);
    nextToken = page.NextToken;
  } while (nextToken);
  for (let i = 0; i < stale.length; i += 100) {
    await events.send(
      new RemoveTargetsCommand({ Rule: name, EventBusName: eventBusName, Ids: stale.slice(i, i + 100) }),
    );
  }
  for (let i = 0; i < targets.length; i += 10) {
    const { FailedEntries = [] } = await events.send(
      new PutTargetsCommand({ Rule: name, EventBusName: eventBusName, Targets: targets.slice(i, i + 10) }),
    );
    if (FailedEntries.length > 0) {
      const reasons = FailedEntries.map((entry) => `${entry.TargetId}: ${entry.ErrorMessage}`).join('; ');
      throw new Error(`PutTargets failed for rule ${name}: ${reasons}`);
    }
  }
  return { ref: name, attributes: { Arn: RuleArn ?? '' } };
};
