import { eventBusNameOf } from '../arns';
import { ResourceNotFoundError, ValidationError } from '../errors';
import { busOf, type RegionState } from '../regionState';
import type { Output } from '../shapes';
import type { BusPolicy, PolicyStatement } from '../types';
import { isObject, optionalBoolean, optionalString, type Input } from '../validation';

const STATEMENT_ID = /^[a-zA-Z0-9-_]+$/;
const PRINCIPAL = /^(\d{12}|\*)$/;

function statementOf(input: Input, resource: string): PolicyStatement {
  const action = optionalString(input, 'Action', { min: 1, max: 64 });
  const principal = optionalString(input, 'Principal', { min: 1, max: 12, pattern: PRINCIPAL });
  const sid = optionalString(input, 'StatementId', { min: 1, max: 64, pattern: STATEMENT_ID });
  if (!action || !principal || !sid)
    throw new ValidationError('Parameter(s) Action, Principal and StatementId must be specified, or Policy.');
  if (action !== 'events:PutEvents')
    throw new ValidationError(`Provided value in parameter 'action' is not supported: ${action}.`);
  const condition = input.Condition;
  if (principal === '*' && condition === undefined)
    throw new ValidationError('Principal "*" requires a Condition naming the organization (aws:PrincipalOrgID).');
  let conditionBlock: PolicyStatement['Condition'];
  if (condition !== undefined) {
    const { Type, Key, Value } = (isObject(condition) ? condition : {}) as Record<string, unknown>;
    if (Type !== 'StringEquals' || Key !== 'aws:PrincipalOrgID' || typeof Value !== 'string')
      throw new ValidationError('Condition must be { Type: "StringEquals", Key: "aws:PrincipalOrgID", Value }.');
    conditionBlock = { StringEquals: { 'aws:PrincipalOrgID': Value } };
  }
  return {
    Sid: sid,
    Effect: 'Allow',
    Principal: principal === '*' ? '*' : { AWS: `arn:aws:iam::${principal}:root` },
    Action: action,
    Resource: resource,
    ...(conditionBlock ? { Condition: conditionBlock } : {}),
  };
}

function policyOf(text: string): BusPolicy {
  let policy: unknown;
  try {
    policy = JSON.parse(text);
  } catch {
    throw new ValidationError('Parameter Policy is not valid: it is not JSON.');
  }
  if (!isObject(policy) || !Array.isArray(policy.Statement))
    throw new ValidationError('Parameter Policy is not valid: it needs a Statement list.');
  return { Version: '2012-10-17', Statement: policy.Statement as PolicyStatement[] };
}

/**
 * PutPermission: adds a statement (an account, or every account of an organization, may put events on the
 * bus) to the bus's resource policy, replacing one of the same `StatementId`; or, given `Policy`, sets the
 * whole policy. DescribeEventBus returns it as `Policy`. Offline nothing enforces it.
 */
export function putPermission(state: RegionState, input: Input): Output {
  const bus = busOf(state, eventBusNameOf(optionalString(input, 'EventBusName')));
  const whole = optionalString(input, 'Policy', { max: 10_240 });
  if (whole !== undefined) {
    bus.policy = policyOf(whole);
    return {};
  }
  const statement = statementOf(input, bus.arn);
  const kept = (bus.policy?.Statement ?? []).filter((s) => s.Sid !== statement.Sid);
  bus.policy = { Version: '2012-10-17', Statement: [...kept, statement] };
  return {};
}

export function removePermission(state: RegionState, input: Input): Output {
  const bus = busOf(state, eventBusNameOf(optionalString(input, 'EventBusName')));
  const removeAll = optionalBoolean(input, 'RemoveAllPermissions') ?? false;
  const sid = optionalString(input, 'StatementId', { min: 1, max: 64, pattern: STATEMENT_ID });
  if (removeAll) {
    delete bus.policy;
    return {};
  }
  if (!sid) throw new ValidationError('Parameter StatementId must be specified, or RemoveAllPermissions.');
  if (!bus.policy) throw new ResourceNotFoundError('EventBus does not have a policy.');
  const kept = bus.policy.Statement.filter((s) => s.Sid !== sid);
  if (kept.length === bus.policy.Statement.length)
    throw new ResourceNotFoundError('Statement with the provided id does not exist.');
  if (kept.length === 0) delete bus.policy;
  else bus.policy = { ...bus.policy, Statement: kept };
  return {};
}
