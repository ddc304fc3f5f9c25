import { meshXrayStatement } from '@mesh/infra';

/**
 * One IAM role per function. osls applies `provider.iam.role.statements` to every function of a service,
 * so a shared role would let the read-only routes write the table and publish to the bus; each function
 * here gets only what it uses, plus writing its own logs.
 */

export interface Statement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: unknown[];
  Condition?: Record<string, unknown>;
}

const normalized = (functionName: string) => functionName[0]!.toUpperCase() + functionName.slice(1);

/** The logical id of a function's role, for `functions.<name>.role`. */
export const roleId = (functionName: string) => `${normalized(functionName)}Role`;

/**
 * The CloudFormation role of one function: assumable by Lambda only, writing only its own log group
 * (the one osls creates as `<Name>LogGroup`) and its X-Ray segments.
 *
 * @example
 * resources: { [roleId('getOrder')]: functionRole('getOrder', [readOrders]) }
 */
export function functionRole(functionName: string, statements: Statement[]) {
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      Description: `orders/${functionName}: least privilege`,
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      Policies: [
        {
          PolicyName: `${functionName}-least-privilege`,
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'OwnLogsOnly',
                Effect: 'Allow',
                Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
                Resource: [{ 'Fn::GetAtt': [`${normalized(functionName)}LogGroup`, 'Arn'] }],
              },
              // Every function is traced (meshProvider): Lambda refuses active tracing without it.
              meshXrayStatement,
              ...statements,
            ],
          },
        },
      ],
    },
  };
}
