import { EventEmitter } from 'node:events';
import { systemClock, type Clock } from './clock';
import {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_LAMBDA_ENDPOINT,
  DEFAULT_REGION,
  DEFAULT_RETRY_BASE_DELAY_MS,
  DEFAULT_RETRY_MAX_DELAY_MS,
  DEFAULT_SQS_ENDPOINT,
} from './constants';
import { apiDestinationByArn } from './api/apiDestinations';
import { parseArn } from './arns';
import { ApiDestinationTargetClient } from './delivery/apiDestinationTarget';
import { LambdaTargetClient } from './delivery/lambdaTarget';
import { SqsTargetClient } from './delivery/sqsTarget';
import { TargetDispatcher } from './delivery/TargetDispatcher';
import type { EventBridgeHooks } from './hooks';
import { OPERATIONS } from './operations';
import { createRegionState, type EventBridgeCore, type RegionState } from './regionState';
import { routeEvent } from './routing';
import { stopAllSchedules } from './schedules';
import type { Output } from './shapes';
import type { Input } from './validation';
import { TargetInvocationError, UnknownOperationError } from './errors';

export interface EventBridgeEmulatorOptions {
  /** Region of requests that name none (no SigV4 scope); `us-east-1` by default. */
  region?: string;
  /** Account in every ARN and event; `000000000000` by default. */
  accountId?: string;
  /** Where SQS targets and dead-letter queues live (fauxqs); the edge endpoint by default. */
  sqsEndpoint?: string;
  /** Where Lambda targets are invoked: serverless-offline's `http://127.0.0.1:3002` by default. */
  lambdaEndpoint?: string;
  /** Backoff between delivery attempts, kept short offline. */
  retry?: { baseDelayMs?: number; maxDelayMs?: number };
  /** Fire scheduled rules, `rate(...)` and `cron(...)` (default true). */
  runSchedules?: boolean;
  /** The time source of schedules: the system's by default; tests pass one they advance. */
  clock?: Clock;
}

/**
 * An in-memory Amazon EventBridge: per region (as AWS keeps them), event buses, rules, targets, archives and
 * replays, with delivery to SQS queues, Lambda functions and other buses. {@link call} runs one API operation
 * with AWS's JSON shapes in a region (see `createEventBridgeListener` for the HTTP side, which takes the region
 * from each request's SigV4 scope). Every hop of an event is emitted as a hook (`published`, `matched`,
 * `delivered`, `failed`, `dead-lettered`, `dropped`, `archived`).
 *
 * @example
 * const emulator = new EventBridgeEmulator({ sqsEndpoint: sqs.endpoint });
 * emulator.call('PutRule', { Name: 'r', EventPattern: '{"source":["a"]}' }, 'eu-west-1');
 * emulator.on('delivered', (hop) => console.log(hop.event.id, '→', hop.targetArn, `${hop.sinceIngestionMs} ms`));
 */
export class EventBridgeEmulator extends EventEmitter<EventBridgeHooks> {
  /** The region of requests that name none. */
  readonly region: string;
  readonly accountId: string;
  private readonly regions = new Map<string, RegionState>();
  private readonly core: EventBridgeCore;
  private readonly sqs: SqsTargetClient;
  private readonly lambda: LambdaTargetClient;
  private readonly dispatcher: TargetDispatcher;
  private readonly apiDestinations = new ApiDestinationTargetClient();

  constructor(options: EventBridgeEmulatorOptions = {}) {
    super();
    this.region = options.region ?? DEFAULT_REGION;
    this.accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
    this.sqs = new SqsTargetClient(options.sqsEndpoint ?? DEFAULT_SQS_ENDPOINT);
    this.lambda = new LambdaTargetClient(options.lambdaEndpoint ?? DEFAULT_LAMBDA_ENDPOINT);
    this.dispatcher = new TargetDispatcher({
      sqs: this.sqs,
      lambda: this.lambda,
      hooks: this,
      putToBus: (busName, event, region) => routeEvent(this.inRegion(region), busName, event, new Date()),
      callApiDestination: (arn, target, input) => {
        const state = this.inRegion(arn.region);
        const destination = apiDestinationByArn(state, target.Arn);
        if (!destination)
          throw new TargetInvocationError('RESOURCE_NOT_FOUND', `Api destination ${target.Arn} does not exist.`, false);
        const connectionName = parseArn(destination.connectionArn)?.resource.split('/')[1] ?? '';
        return this.apiDestinations.invoke(destination, state.connections.get(connectionName), target, input);
      },
      retry: {
        baseDelayMs: options.retry?.baseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS,
        maxDelayMs: options.retry?.maxDelayMs ?? DEFAULT_RETRY_MAX_DELAY_MS,
      },
    });
    this.core = {
      accountId: this.accountId,
      dispatcher: this.dispatcher,
      runSchedules: options.runSchedules ?? true,
      clock: options.clock ?? systemClock,
      hook: (name, ...payload) => {
        try {
          (this.emit as (n: typeof name, ...args: typeof payload) => boolean)(name, ...payload);
        } catch {
          // A throwing hook listener must not fail the API call.
        }
      },
      region: (name) => this.inRegion(name),
    };
    this.inRegion(this.region);
  }

  /**
   * Runs one API operation (`'PutRule'`, as in `X-Amz-Target: AWSEvents.PutRule`) in `region` (the default
   * region when omitted), with AWS's JSON input and output; throws the API's named errors.
   *
   * @example
   * emulator.call('CreateEventBus', { Name: 'loans' }, 'eu-central-1');
   * // → { EventBusArn: 'arn:aws:events:eu-central-1:000000000000:event-bus/loans' }
   */
  call(operation: string, input: Input, region: string = this.region): Output {
    const run = OPERATIONS[operation];
    if (!run) throw new UnknownOperationError(operation);
    return run(this.inRegion(region), input);
  }

  /** One region's state, created (with its default bus) at its first use, as every AWS region has one. */
  inRegion(region: string): RegionState {
    let state = this.regions.get(region);
    if (!state) {
      state = createRegionState(this.core, { region, accountId: this.accountId });
      this.regions.set(region, state);
    }
    return state;
  }

  /** Resolves once every delivery, retry and replay started so far has finished. */
  idle(): Promise<void> {
    return this.dispatcher.idle();
  }

  /** Stops schedules and pending retries and releases the SDK clients' sockets. */
  close(): void {
    for (const state of this.regions.values()) stopAllSchedules(state);
    this.dispatcher.close();
    this.sqs.close();
    this.lambda.close();
  }
}
