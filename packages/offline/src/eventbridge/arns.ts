import { DEFAULT_EVENT_BUS_NAME } from './constants';

/** Where the emulator lives: every ARN it builds carries these. */
export interface ArnScope {
  region: string;
  accountId: string;
}

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  /** Everything after the account, e.g. `rule/my-bus/my-rule` or `function:name:qualifier`. */
  resource: string;
}

const ARN = /^arn:([^:]+):([^:]+):([^:]*):([^:]*):(.+)$/;

/** Splits an ARN into its parts, or returns undefined when the text is not an ARN. */
export function parseArn(arn: string): ParsedArn | undefined {
  const match = ARN.exec(arn);
  if (!match) return undefined;
  const [, partition, service, region, accountId, resource] = match as unknown as [string, ...string[]];
  return {
    partition: partition!,
    service: service!,
    region: region!,
    accountId: accountId!,
    resource: resource!,
  };
}

export function eventBusArn(scope: ArnScope, name: string): string {
  return `arn:aws:events:${scope.region}:${scope.accountId}:event-bus/${name}`;
}

/** Rules of the default bus are `rule/<name>`; rules of a custom bus are `rule/<bus>/<name>`, as on AWS. */
export function ruleArn(scope: ArnScope, eventBusName: string, name: string): string {
  const path = eventBusName === DEFAULT_EVENT_BUS_NAME ? name : `${eventBusName}/${name}`;
  return `arn:aws:events:${scope.region}:${scope.accountId}:rule/${path}`;
}

export function archiveArn(scope: ArnScope, name: string): string {
  return `arn:aws:events:${scope.region}:${scope.accountId}:archive/${name}`;
}

export function replayArn(scope: ArnScope, name: string): string {
  return `arn:aws:events:${scope.region}:${scope.accountId}:replay/${name}`;
}

/** API parameters that name a bus accept its name or its ARN. */
export function eventBusNameOf(nameOrArn: string | undefined): string {
  if (!nameOrArn) return DEFAULT_EVENT_BUS_NAME;
  const parsed = parseArn(nameOrArn);
  if (parsed?.service === 'events' && parsed.resource.startsWith('event-bus/')) {
    return parsed.resource.slice('event-bus/'.length);
  }
  return nameOrArn;
}

/** `arn:aws:sqs:region:account:name` → `name`. */
export function queueNameOf(arn: ParsedArn): string {
  return arn.resource;
}

/** `arn:aws:lambda:region:account:function:name[:qualifier]` → name and qualifier. */
export function functionOf(arn: ParsedArn): { name: string; qualifier?: string } {
  const [, name = '', qualifier] = arn.resource.split(':');
  return qualifier ? { name, qualifier } : { name };
}
