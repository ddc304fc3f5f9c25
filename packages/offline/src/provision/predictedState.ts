import { generatedName } from './physicalNames';
import { optionalString } from './provisioner';
import type { ResourceState } from './types';

interface Scope {
  region: string;
  accountId: string;
  stackName: string;
}

/**
 * What a resource that is not created offline would answer to `Ref` and `Fn::GetAtt` on AWS, for the types other
 * resources refer to: functions (event source mappings, rule targets), roles (rule `RoleArn`s) and log groups.
 * Undefined for every other type.
 *
 * @example
 * predictedState('AWS::Lambda::Function', 'LoanEventsLambdaFunction', { FunctionName: 'reminders-dev-loanEvents' }, scope);
 * // { ref: 'reminders-dev-loanEvents', attributes: { Arn: 'arn:aws:lambda:us-east-1:000000000000:function:reminders-dev-loanEvents' } }
 */
export function predictedState(
  type: string,
  logicalId: string,
  properties: Record<string, unknown>,
  scope: Scope,
): ResourceState | undefined {
  const named = (property: string, maxLength: number) =>
    optionalString(properties[property]) ?? generatedName(scope.stackName, logicalId, { maxLength });
  switch (type) {
    case 'AWS::Lambda::Function': {
      const name = named('FunctionName', 64);
      return { ref: name, attributes: { Arn: `arn:aws:lambda:${scope.region}:${scope.accountId}:function:${name}` } };
    }
    case 'AWS::IAM::Role': {
      const name = named('RoleName', 64);
      const path = optionalString(properties.Path) ?? '/';
      return {
        ref: name,
        attributes: { Arn: `arn:aws:iam::${scope.accountId}:role${path}${name}`, RoleId: `AROAOFFLINE${logicalId}` },
      };
    }
    case 'AWS::Logs::LogGroup': {
      const name = named('LogGroupName', 512);
      return {
        ref: name,
        attributes: { Arn: `arn:aws:logs:${scope.region}:${scope.accountId}:log-group:${name}:*` },
      };
    }
    default:
      return undefined;
  }
}
