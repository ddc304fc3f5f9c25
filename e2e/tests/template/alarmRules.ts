import type { CloudFormationTemplate } from '@mesh/testing';
import { renderResource } from './securityRules';

/** The stage's alarm topic as {@link renderResource} writes `meshAlarmTopicArn`. */
export const alarmTopicOf = (stage: string) =>
  `arn:\${AWS::Partition}:sns:\${AWS::Region}:\${AWS::AccountId}:mesh-${stage}-alarms`;

/**
 * Alarms that would tell nobody: each must notify the stage's alarm topic on ALARM and on OK, and a DLQ
 * alarm's description must say what to run (`mesh dlq`, `mesh redrive`) and where the runbook is.
 */
export function alarmViolations(template: CloudFormationTemplate, stage: string): string[] {
  const violations: string[] = [];
  for (const [id, alarm] of Object.entries(template.Resources)) {
    if (alarm.Type !== 'AWS::CloudWatch::Alarm') continue;
    const props = alarm.Properties as Record<string, unknown>;
    for (const key of ['AlarmActions', 'OKActions']) {
      const actions = ((props[key] as unknown[] | undefined) ?? []).map((a) => renderResource(a, template));
      if (!actions.includes(alarmTopicOf(stage))) violations.push(`${id}: ${key} does not notify the alarm topic`);
    }
    const description = String(props.AlarmDescription ?? '');
    if (/Dlq/.test(id) && !/OutboxRelay/.test(id)) {
      for (const needed of ['npm run mesh -- dlq', 'npm run mesh -- redrive', 'docs/dead-letters.md#runbook']) {
        if (!description.includes(needed)) violations.push(`${id}: its description does not name "${needed}"`);
      }
    }
  }
  return violations;
}
