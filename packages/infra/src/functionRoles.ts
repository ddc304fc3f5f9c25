import { queueConsume, streamRead, type Access } from './access';
import { logicalId } from './names';
import { meshXrayStatement } from './serverlessDefaults';
import type { Intrinsic } from './types';

/** A Serverless function config with what it touches: `touches` never reaches the template. */
export interface FunctionWithAccess {
  touches: readonly Access[];
  events?: readonly unknown[];
  [setting: string]: unknown;
}

type Configured<F> = { [K in keyof F]: Omit<F[K], 'touches'> & { role: string } };

interface StreamEvent {
  stream?: { arn?: Intrinsic; destinations?: { onFailure?: { arn?: Intrinsic; type?: string } } };
}
interface SqsEvent {
  sqs?: { arn?: Intrinsic };
}

/** What a function's triggers need, as AWS's execution-role policies for them grant it. */
function triggerAccess(events: readonly unknown[]): Access[] {
  return events.flatMap((event, i) => {
    const { sqs } = event as SqsEvent;
    const { stream } = event as StreamEvent;
    const n = i === 0 ? '' : String(i + 1);
    const grants: Access[] = [];
    if (sqs?.arn) grants.push(queueConsume(sqs.arn, `ConsumeTriggerQueue${n}`));
    if (stream?.arn) grants.push(streamRead(stream.arn, `ReadTriggerStream${n}`));
    const onFailure = stream?.destinations?.onFailure;
    // Lambda sends a stream batch it gave up on to the on-failure queue with the function's own role.
    if (onFailure?.arn && onFailure.type === 'sqs') {
      grants.push({ sid: `SendFailedBatches${n}`, actions: ['sqs:SendMessage'], resources: [onFailure.arn] });
    }
    return grants;
  });
}

/** Sids must be unique in a policy: a repeated one gets a counter. */
function statementsOf(grants: readonly Access[]) {
  const seen = new Map<string, number>();
  return grants.map(({ sid, actions, resources, condition }) => {
    const count = (seen.get(sid) ?? 0) + 1;
    seen.set(sid, count);
    return {
      Sid: count === 1 ? sid : `${sid}${count}`,
      Effect: 'Allow' as const,
      Action: [...actions],
      Resource: [...resources],
      ...(condition ? { Condition: condition } : {}),
    };
  });
}

/** The logical id of a function's role, for `functions.<name>.role`: `getThing` → `GetThingRole`. */
export const roleId = (functionName: string) => logicalId(functionName, 'Role');

/**
 * The CloudFormation role of one function: assumable by Lambda only, writing only its own log group (the
 * one osls creates as `<Name>LogGroup`) and its X-Ray segments, plus exactly what it touches and what its
 * triggers need.
 *
 * @example
 * functionRole('shop', 'getThing', [tableAccess('ThingsTable', ['dynamodb:GetItem'])])
 */
export function functionRole(service: string, functionName: string, grants: readonly Access[]) {
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      Description: `${service}/${functionName}: least privilege`,
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
                Resource: [{ 'Fn::GetAtt': [logicalId(functionName, 'LogGroup'), 'Arn'] }],
              },
              // Every function is traced (meshProvider): Lambda refuses active tracing without it.
              meshXrayStatement,
              ...statementsOf(grants),
            ],
          },
        },
      ],
    },
  };
}

/**
 * One least-privilege IAM role per function, made from what each function declares it touches (its
 * `touches`, built with `tableAccess`, `publishesAs`, `sendsTo`, `bucketAccess`, `manageConnections`) and
 * what its SQS and stream triggers need. osls would give every function of a service one shared role, so a
 * read route could write and publish; here each function gets its own, and osls makes no shared one.
 * Returns the functions (with `role` set, `touches` removed) and the roles for `resources.Resources`.
 *
 * @example
 * const { functions, roles } = functionRoles('shop', { getThing: getThingFunction, putThing: putThingFunction });
 * module.exports = { functions, resources: { Resources: { ...roles, ThingsTable } } };
 */
export function functionRoles<F extends Record<string, FunctionWithAccess>>(
  service: string,
  functions: F,
): { functions: Configured<F>; roles: Record<string, ReturnType<typeof functionRole>> } {
  const configured = {} as Record<string, unknown>;
  const roles: Record<string, ReturnType<typeof functionRole>> = {};
  for (const [name, { touches, ...config }] of Object.entries(functions)) {
    const grants = [...touches, ...triggerAccess(config.events ?? [])];
    roles[roleId(name)] = functionRole(service, name, grants);
    configured[name] = { ...config, role: roleId(name) };
  }
  return { functions: configured as Configured<F>, roles };
}
