import type { CommandContract, EventContract } from '@mesh/contracts';

/** CloudFormation resources and outputs, as a Serverless `resources` block takes them. */
export interface CloudFormationFragment {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; DependsOn?: string[] }>;
  Outputs: Record<string, { Value: unknown; Description?: string; Export?: { Name: unknown } }>;
}

/** Where to find things in the template: intrinsic functions that resolve at deploy time. */
export type Intrinsic = Record<string, unknown> | string;

/** The one declaration of a subscriber: the events it observes and how its queue behaves. */
export interface Subscription {
  readonly kind: 'subscription';
  readonly service: string;
  /** Kebab-case, unique in the service, e.g. `order-events`. */
  readonly name: string;
  readonly events: readonly EventContract[];
  readonly batchSize: number;
  readonly maximumBatchingWindow: number;
  readonly maxReceiveCount: number;
  readonly visibilityTimeout: number;
  /** Alarm when the oldest message has waited this long. */
  readonly maxAgeSeconds: number;
}

/** The one declaration of a service's FIFO command queue: the commands it takes. */
export interface CommandChannel {
  readonly kind: 'commandChannel';
  readonly service: string;
  readonly name: string;
  readonly commands: readonly CommandContract[];
  readonly batchSize: number;
  readonly maxReceiveCount: number;
  readonly visibilityTimeout: number;
  readonly maxAgeSeconds: number;
}

/** The one declaration that a service sends commands (to the services that own them). */
export interface CommandSending {
  readonly kind: 'commandSending';
  readonly service: string;
  readonly commands: readonly CommandContract[];
}

/** Anything a service declares about its place in the mesh. */
export type Declaration = Subscription | CommandChannel | CommandSending;
