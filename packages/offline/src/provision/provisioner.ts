import type { OfflineClients } from './offlineClients';
import type { IntrinsicContext } from './resolveIntrinsics';
import type { ResourceState } from './types';

export interface ProvisionContext {
  clients: OfflineClients;
  region: string;
  accountId: string;
  stackName: string;
  intrinsics: IntrinsicContext;
}

/**
 * Creates one resource from its (resolved) properties, or brings an existing one up to date, and returns what
 * it answers to `Ref` and `Fn::GetAtt`.
 */
export type Provisioner = (
  logicalId: string,
  properties: Record<string, unknown>,
  context: ProvisionContext,
) => Promise<ResourceState>;

/** The error's name or code, for SDK errors whose class differs between emulators (e.g. query-compatible codes). */
export function errorName(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const { name, Code, code } = error as { name?: unknown; Code?: unknown; code?: unknown };
  return [name, Code, code].filter((part) => typeof part === 'string').join(' ');
}

export function optionalString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : String(value);
}

/** CloudFormation writes event patterns as objects; the APIs take JSON text. */
export function jsonText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
