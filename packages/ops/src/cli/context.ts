import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { EndpointUnreachableError } from './errors';
import type { ArgSpec, ParsedArgs } from '@mesh/cli';

/** The edge endpoint of `npm run dev` / `npm run emulators`. */
export const DEFAULT_OFFLINE_ENDPOINT = 'http://127.0.0.1:4566';
const OFFLINE_REGION = 'us-east-1';

/** Where a `mesh` command writes; the process's streams by default. */
export interface OpsIo {
  out: { write(text: string): unknown };
  err: { write(text: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

export interface OpsTarget {
  stage: string;
  /** `undefined` with `--aws`: the SDK's own resolution (AWS_ENDPOINT_URL, config files, the real AWS). */
  endpoint: string | undefined;
  region: string | undefined;
  aws: boolean;
}

/** What every `mesh` command gets: where it talks to, the clients, and how to print. */
export interface OpsContext extends OpsTarget {
  sqs: SQSClient;
  eventBridge: EventBridgeClient;
  json: boolean;
  io: OpsIo;
  /** The repository root (for `graph`: the contracts and services' declarations). */
  repoRoot: string;
}

/**
 * Decides the endpoint and region from the global flags: `--endpoint` wins, then `AWS_ENDPOINT_URL`, then the
 * offline edge (`http://127.0.0.1:4566`); with `--aws` and no `--endpoint`, the SDK resolves everything.
 *
 * @example
 * resolveTarget({ stage: 'dev', aws: false }, {}); // → { endpoint: 'http://127.0.0.1:4566', region: 'us-east-1', … }
 */
export function resolveTarget(
  flags: { stage?: string; endpoint?: string; region?: string; aws?: boolean },
  env: NodeJS.ProcessEnv,
): OpsTarget {
  const aws = flags.aws === true;
  const endpoint = flags.endpoint ?? (aws ? undefined : env.AWS_ENDPOINT_URL || DEFAULT_OFFLINE_ENDPOINT);
  const region = flags.region ?? (aws ? undefined : env.AWS_REGION || env.AWS_DEFAULT_REGION || OFFLINE_REGION);
  return { stage: flags.stage ?? 'dev', endpoint, region, aws };
}

/** SDK clients for a target. Offline, any credentials work (the emulators never check signatures). */
export function createClients(target: OpsTarget, env: NodeJS.ProcessEnv): Pick<OpsContext, 'sqs' | 'eventBridge'> {
  const offlineCredentials =
    !target.aws && !env.AWS_ACCESS_KEY_ID ? { credentials: { accessKeyId: 'mesh', secretAccessKey: 'mesh' } } : {};
  const config = {
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    ...(target.region ? { region: target.region } : {}),
    ...offlineCredentials,
    // An operator waits on every retry: fail fast when nothing answers.
    maxAttempts: 2,
  };
  return { sqs: new SQSClient(config), eventBridge: new EventBridgeClient(config) };
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ECONNRESET',
  'ETIMEDOUT',
  'EAI_AGAIN',
]);

/** Turns an SDK connection failure into {@link EndpointUnreachableError}; returns anything else unchanged. */
export function explainConnectionError(error: unknown, endpoint: string | undefined): unknown {
  // Duck-typed, not `instanceof Error`: the socket error may come from another realm (jest's sandbox).
  let current: unknown = error;
  for (let depth = 0; typeof current === 'object' && current !== null && depth < 5; depth += 1) {
    const { code, message, errors, cause } = current as {
      code?: unknown;
      message?: unknown;
      errors?: unknown[];
      cause?: unknown;
    };
    const found =
      typeof code === 'string' && UNREACHABLE_CODES.has(code)
        ? code
        : [...UNREACHABLE_CODES].find((c) => typeof message === 'string' && message.includes(c));
    if (found) return new EndpointUnreachableError(endpoint ?? 'the AWS endpoint', found, { cause: error });
    current = errors?.[0] ?? cause;
  }
  return error;
}

/** One `mesh` command: its flags and help, and what it does with a parsed command line. */
export interface OpsCommand {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** E.g. `peek <queue> [--max N]`. */
  usage: string;
  /** Paragraphs after the usage line in `--help`. */
  description: string;
  /** Positional arguments, all required. */
  args: readonly string[];
  /** Positional arguments that may follow the required ones. */
  optionalArgs?: readonly string[];
  flags: readonly ArgSpec[];
  /** Whether it talks to AWS (so it needs clients and may find the endpoint unreachable). */
  remote: boolean;
  run(ctx: OpsContext, args: readonly string[], flags: ParsedArgs['flags']): Promise<number>;
}
