import { parseArn } from './arns';
import { MAX_INPUT_PATHS, MIN_MAXIMUM_EVENT_AGE_SECONDS, DEFAULT_MAXIMUM_EVENT_AGE_SECONDS } from './constants';
import { ValidationError } from './errors';
import { PREDEFINED_VARIABLES } from './inputTransformer';
import { isValidJsonPath } from './jsonPath';
import type { Target } from './types';
import { constraintError, isObject, NAME_PATTERNS } from './validation';

/**
 * Checks one entry of PutTargets the way EventBridge does and returns it as a {@link Target}. The `position`
 * (1-based) names the entry in AWS's validation messages.
 */
export function validateTarget(raw: unknown, position: number): Target {
  if (!isObject(raw)) throw new ValidationError(`Parameter Targets must be a list of targets.`);
  const at = (field: string) => `targets.${position}.member.${field}`;
  const id = raw.Id;
  if (typeof id !== 'string' || id.length === 0) throw constraintError(id, at('id'), 'Member must not be null');
  if (id.length > 64) throw constraintError(id, at('id'), 'Member must have length less than or equal to 64');
  if (!NAME_PATTERNS.targetId.test(id))
    throw constraintError(id, at('id'), 'Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+');
  const arn = raw.Arn;
  if (typeof arn !== 'string' || arn.length === 0) throw constraintError(arn, at('arn'), 'Member must not be null');
  const parsed = parseArn(arn);
  if (!parsed)
    throw new ValidationError(`Parameter ${arn} is not valid. Reason: Provided Arn is not in correct format.`);

  const inputs = ['Input', 'InputPath', 'InputTransformer'].filter((k) => raw[k] !== undefined && raw[k] !== null);
  if (inputs.length > 1)
    throw new ValidationError(`Only one of Input, InputPath, or InputTransformer must be provided for target ${id}.`);
  if (raw.Input !== undefined) {
    if (typeof raw.Input !== 'string' || !isJson(raw.Input))
      throw new ValidationError(`Input for target ${id} is not valid JSON text.`);
  }
  if (raw.InputPath !== undefined) {
    if (typeof raw.InputPath !== 'string' || !isValidJsonPath(raw.InputPath))
      throw new ValidationError(`InputPath for target ${id} is not valid.`);
  }
  if (raw.InputTransformer !== undefined) validateInputTransformer(raw.InputTransformer, id);
  if (raw.RetryPolicy !== undefined) validateRetryPolicy(raw.RetryPolicy, id);
  if (raw.DeadLetterConfig !== undefined) {
    const dlq = isObject(raw.DeadLetterConfig) ? raw.DeadLetterConfig.Arn : undefined;
    if (typeof dlq !== 'string' || parseArn(dlq)?.service !== 'sqs')
      throw new ValidationError(
        `Parameter DeadLetterConfig.Arn of target ${id} is not valid. Reason: it must be an SQS queue ARN.`,
      );
  }
  const groupId = isObject(raw.SqsParameters) ? raw.SqsParameters.MessageGroupId : undefined;
  if (raw.SqsParameters !== undefined && groupId !== undefined && typeof groupId !== 'string')
    throw new ValidationError(`Parameter SqsParameters.MessageGroupId of target ${id} is not valid.`);
  if (parsed.service === 'sqs' && parsed.resource.endsWith('.fifo') && !groupId)
    throw new ValidationError(`Parameter(s) SqsParameters must be specified for target: ${id}.`);
  return raw as Target;
}

function validateInputTransformer(value: unknown, id: string): void {
  if (!isObject(value)) throw new ValidationError(`InputTransformer for target ${id} is not valid.`);
  const template = value.InputTemplate;
  if (typeof template !== 'string' || template.length === 0 || template.length > 8192)
    throw new ValidationError(`InputTemplate for target ${id} must be a string of 1 to 8192 characters.`);
  const paths = value.InputPathsMap ?? {};
  if (!isObject(paths)) throw new ValidationError(`InputPathsMap for target ${id} is not valid.`);
  const entries = Object.entries(paths);
  if (entries.length > MAX_INPUT_PATHS)
    throw new ValidationError(`InputPathsMap for target ${id} has more than ${MAX_INPUT_PATHS} variables.`);
  for (const [name, path] of entries) {
    if (!/^[A-Za-z0-9_-]+$/.test(name) || (PREDEFINED_VARIABLES as readonly string[]).includes(name))
      throw new ValidationError(`InputPathsMap for target ${id} has an invalid variable name: ${name}.`);
    if (typeof path !== 'string' || !isValidJsonPath(path))
      throw new ValidationError(
        `InputPathsMap for target ${id} has an invalid JSON path for ${name}: ${String(path)}.`,
      );
  }
}

function validateRetryPolicy(value: unknown, id: string): void {
  if (!isObject(value)) throw new ValidationError(`RetryPolicy for target ${id} is not valid.`);
  const { MaximumRetryAttempts: attempts, MaximumEventAgeInSeconds: age } = value;
  if (attempts !== undefined && (!Number.isInteger(attempts) || (attempts as number) < 0 || (attempts as number) > 185))
    throw new ValidationError(`RetryPolicy.MaximumRetryAttempts for target ${id} must be between 0 and 185.`);
  if (
    age !== undefined &&
    (!Number.isInteger(age) ||
      (age as number) < MIN_MAXIMUM_EVENT_AGE_SECONDS ||
      (age as number) > DEFAULT_MAXIMUM_EVENT_AGE_SECONDS)
  )
    throw new ValidationError(
      `RetryPolicy.MaximumEventAgeInSeconds for target ${id} must be between ${MIN_MAXIMUM_EVENT_AGE_SECONDS} and ${DEFAULT_MAXIMUM_EVENT_AGE_SECONDS}.`,
    );
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
