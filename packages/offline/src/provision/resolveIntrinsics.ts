import { UnresolvableReferenceError, UnsupportedIntrinsicError } from './errors';
import type { ResourceState } from './types';

/** Everything `Ref`, `Fn::GetAtt`, `Fn::Sub` and `Fn::ImportValue` can name. */
export interface IntrinsicContext {
  region: string;
  accountId: string;
  stackName: string;
  /** Template parameters (already merged with their defaults) and import values, by name. */
  parameters: Record<string, string>;
  /** Resources provisioned (or predicted) so far, by logical id. */
  resources: ReadonlyMap<string, ResourceState>;
  /** Every logical id of the template, to tell "not created yet" from "no such resource". */
  logicalIds?: ReadonlySet<string>;
}

/** `AWS::NoValue`: the property it stands for is removed. */
const NO_VALUE = Symbol('AWS::NoValue');

const INTRINSICS = new Set([
  'Ref',
  'Fn::GetAtt',
  'Fn::Join',
  'Fn::Sub',
  'Fn::Select',
  'Fn::Split',
  'Fn::ImportValue',
  'Fn::Base64',
  'Fn::GetAZs',
  'Fn::If',
  'Fn::Equals',
  'Fn::Not',
  'Fn::And',
  'Fn::Or',
  'Fn::FindInMap',
  'Fn::Cidr',
  'Fn::Length',
  'Fn::ToJsonString',
  'Fn::Transform',
  'Condition',
]);

/** The one key of `value` when it is an intrinsic function call (`{ "Ref": … }`, `{ "Fn::…": … }`). */
export function intrinsicName(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  return keys.length === 1 && INTRINSICS.has(keys[0]!) ? keys[0] : undefined;
}

/**
 * Evaluates CloudFormation's intrinsic functions in a property value the way a deploy would, against the
 * resources provisioned offline: `Ref` (resources, parameters, pseudo parameters), `Fn::GetAtt` (both forms),
 * `Fn::Join`, `Fn::Sub` (both forms), `Fn::Select`, `Fn::Split`, `Fn::ImportValue` (from the parameters),
 * `Fn::Base64`, `Fn::GetAZs`. `AWS::NoValue` removes the property or list item it stands for. Anything else
 * throws a named error rather than guessing.
 *
 * @example
 * resolveIntrinsics({ 'Fn::Sub': 'arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:jobs' }, context);
 * // 'arn:aws:sqs:us-east-1:000000000000:jobs'
 */
export function resolveIntrinsics(value: unknown, context: IntrinsicContext): unknown {
  const resolved = resolve(value, context);
  return resolved === NO_VALUE ? undefined : resolved;
}

function resolve(value: unknown, context: IntrinsicContext): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => resolve(item, context)).filter((item) => item !== NO_VALUE);
  }
  if (typeof value !== 'object' || value === null) return value;
  const name = intrinsicName(value);
  if (name) return call(name, (value as Record<string, unknown>)[name], context);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const resolved = resolve(item, context);
    if (resolved !== NO_VALUE) out[key] = resolved;
  }
  return out;
}

function call(name: string, argument: unknown, context: IntrinsicContext): unknown {
  switch (name) {
    case 'Ref':
      return ref(asString(resolve(argument, context), 'Ref'), context);
    case 'Fn::GetAtt':
      return getAtt(argument, context);
    case 'Fn::Join': {
      const [delimiter, items] = asPair(argument, 'Fn::Join');
      const list = resolve(items, context);
      if (!Array.isArray(list)) throw new UnsupportedIntrinsicError('Fn::Join takes a delimiter and a list');
      return list.map((item) => asString(item, 'Fn::Join')).join(asString(delimiter, 'Fn::Join'));
    }
    case 'Fn::Sub':
      return sub(argument, context);
    case 'Fn::Select': {
      const [index, items] = asPair(argument, 'Fn::Select');
      const list = resolve(items, context);
      const position = Number(resolve(index, context));
      if (!Array.isArray(list) || !Number.isInteger(position) || position < 0 || position >= list.length) {
        throw new UnsupportedIntrinsicError(`Fn::Select index ${String(index)} is out of range`);
      }
      return list[position];
    }
    case 'Fn::Split': {
      const [delimiter, text] = asPair(argument, 'Fn::Split');
      return asString(resolve(text, context), 'Fn::Split').split(asString(delimiter, 'Fn::Split'));
    }
    case 'Fn::ImportValue': {
      const exportName = asString(resolve(argument, context), 'Fn::ImportValue');
      const imported = context.parameters[exportName];
      if (imported === undefined) {
        throw new UnresolvableReferenceError(`Fn::ImportValue ${exportName}: pass it in params`);
      }
      return imported;
    }
    case 'Fn::Base64':
      return Buffer.from(asString(resolve(argument, context), 'Fn::Base64'), 'utf8').toString('base64');
    case 'Fn::GetAZs':
      return ['a', 'b', 'c'].map((zone) => `${context.region}${zone}`);
    default:
      throw new UnsupportedIntrinsicError(`${name} is not evaluated offline`);
  }
}

function pseudoParameter(name: string, context: IntrinsicContext): unknown {
  switch (name) {
    case 'AWS::Region':
      return context.region;
    case 'AWS::AccountId':
      return context.accountId;
    case 'AWS::StackName':
      return context.stackName;
    case 'AWS::StackId':
      return `arn:aws:cloudformation:${context.region}:${context.accountId}:stack/${context.stackName}/offline`;
    case 'AWS::Partition':
      return 'aws';
    case 'AWS::URLSuffix':
      return 'amazonaws.com';
    case 'AWS::NotificationARNs':
      return [];
    case 'AWS::NoValue':
      return NO_VALUE;
    default:
      return undefined;
  }
}

function ref(name: string, context: IntrinsicContext): unknown {
  const pseudo = pseudoParameter(name, context);
  if (pseudo !== undefined) return pseudo;
  const resource = context.resources.get(name);
  if (resource) return resource.ref;
  const parameter = context.parameters[name];
  if (parameter !== undefined) return parameter;
  throw new UnresolvableReferenceError(unknownName(`Ref ${name}`, name, context));
}

function getAtt(argument: unknown, context: IntrinsicContext): string {
  let logicalId: string;
  let attribute: string;
  if (typeof argument === 'string') {
    const dot = argument.indexOf('.');
    if (dot < 0) throw new UnsupportedIntrinsicError(`Fn::GetAtt ${argument} names no attribute`);
    [logicalId, attribute] = [argument.slice(0, dot), argument.slice(dot + 1)];
  } else {
    const [id, name] = asPair(argument, 'Fn::GetAtt');
    [logicalId, attribute] = [asString(id, 'Fn::GetAtt'), asString(resolve(name, context), 'Fn::GetAtt')];
  }
  return attributeOf(logicalId, attribute, context);
}

function attributeOf(logicalId: string, attribute: string, context: IntrinsicContext): string {
  const resource = context.resources.get(logicalId);
  const value = resource?.attributes[attribute];
  if (value !== undefined) return value;
  if (resource) {
    throw new UnresolvableReferenceError(`Fn::GetAtt ${logicalId}.${attribute}: no such attribute offline`);
  }
  throw new UnresolvableReferenceError(unknownName(`Fn::GetAtt ${logicalId}.${attribute}`, logicalId, context));
}

function unknownName(what: string, name: string, context: IntrinsicContext): string {
  return context.logicalIds?.has(name)
    ? `${what}: ${name} is not created offline`
    : `${what}: no resource or parameter is named ${name}`;
}

function sub(argument: unknown, context: IntrinsicContext): string {
  let text: string;
  let variables: Record<string, unknown> = {};
  if (typeof argument === 'string') {
    text = argument;
  } else {
    const [template, map] = asPair(argument, 'Fn::Sub');
    text = asString(template, 'Fn::Sub');
    const resolved = resolve(map, context);
    if (typeof resolved !== 'object' || resolved === null) throw new UnsupportedIntrinsicError('Fn::Sub variables');
    variables = resolved as Record<string, unknown>;
  }
  // `${!Literal}` is written as `${Literal}`; everything else in `${…}` is a variable, a Ref or a GetAtt.
  return text.replace(/\$\{([^}]*)\}/g, (_, expression: string) => {
    if (expression.startsWith('!')) return `\${${expression.slice(1)}}`;
    const name = expression.trim();
    if (name in variables) return asString(variables[name], 'Fn::Sub');
    const dot = name.indexOf('.');
    if (dot > 0 && !name.startsWith('AWS::')) {
      return attributeOf(name.slice(0, dot), name.slice(dot + 1), context);
    }
    return asString(ref(name, context), 'Fn::Sub');
  });
}

function asPair(argument: unknown, fn: string): [unknown, unknown] {
  if (!Array.isArray(argument) || argument.length !== 2)
    throw new UnsupportedIntrinsicError(`${fn} takes two arguments`);
  return [argument[0], argument[1]];
}

function asString(value: unknown, fn: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new UnsupportedIntrinsicError(`${fn} needs a string, got ${JSON.stringify(value)}`);
}
