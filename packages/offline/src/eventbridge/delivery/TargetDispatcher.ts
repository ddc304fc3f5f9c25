import type { EventEmitter } from 'node:events';
import { parseArn, type ParsedArn } from '../arns';
import { DEFAULT_MAXIMUM_EVENT_AGE_SECONDS, DEFAULT_MAXIMUM_RETRY_ATTEMPTS } from '../constants';
import { TargetInvocationError } from '../errors';
import type { DeadLetteredHop, EventBridgeHooks, TargetHop } from '../hooks';
import { renderTargetInput } from '../targetInput';
import type { EventBridgeEvent, Target } from '../types';
import { classifyError } from './classifyError';
import type { LambdaTargetClient } from './lambdaTarget';
import type { SqsTargetClient } from './sqsTarget';
import { isValidTraceHeader } from './traceHeader';

/** One event on its way to one target of one rule. */
export interface Delivery {
  event: EventBridgeEvent;
  eventBusName: string;
  ruleName: string;
  ruleArn: string;
  target: Target;
  /** When EventBridge received the event: the start of MaximumEventAgeInSeconds. */
  ingestionTime: Date;
  /** PutEvents' TraceHeader: handed to SQS targets (and dead-letter queues) as `AWSTraceHeader`. */
  traceHeader?: string;
}

export interface RetryTiming {
  /** First backoff; each retry doubles it, with full jitter, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface TargetDispatcherOptions {
  sqs: SqsTargetClient;
  lambda: LambdaTargetClient;
  /** Delivers to a bus of this emulator (targets that are event buses). */
  putToBus: (eventBusName: string, event: EventBridgeEvent, region: string) => void;
  /** Calls an API destination (an `events` ARN of `api-destination/…`) with the target's input. */
  callApiDestination: (arn: ParsedArn, target: Target, input: string) => Promise<void>;
  hooks: EventEmitter<EventBridgeHooks>;
  retry: RetryTiming;
}

type ExhaustedCondition = DeadLetteredHop['exhaustedRetryCondition'];

/**
 * Delivers matched events to their targets, after PutEvents has answered, as EventBridge does: each target
 * is retried under its RetryPolicy (with an offline-short exponential backoff), and an event that cannot be
 * delivered goes to the target's dead-letter queue with EventBridge's error attributes. Deliveries to one
 * FIFO queue target keep their order.
 */
export class TargetDispatcher {
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];
  private readonly sleeps = new Map<NodeJS.Timeout, (completed: boolean) => void>();
  private readonly fifoChains = new Map<string, Promise<void>>();
  private closed = false;

  constructor(private readonly options: TargetDispatcherOptions) {}

  dispatch(delivery: Delivery): void {
    if (this.closed) return;
    const fifoKey = isFifoQueue(delivery.target.Arn) ? `${delivery.ruleArn}\u0000${delivery.target.Id}` : undefined;
    this.track(async () => {
      await new Promise((resolve) => setImmediate(resolve));
      if (!fifoKey) return this.deliver(delivery);
      const previous = this.fifoChains.get(fifoKey) ?? Promise.resolve();
      const current = previous.then(() => this.deliver(delivery));
      this.fifoChains.set(fifoKey, current);
      await current;
      if (this.fifoChains.get(fifoKey) === current) this.fifoChains.delete(fifoKey);
    });
  }

  /** Runs `work` as part of what {@link idle} waits for. */
  track(work: () => Promise<void>): void {
    this.inFlight += 1;
    void work()
      .catch(() => undefined)
      .finally(() => {
        this.inFlight -= 1;
        if (this.inFlight === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
      });
  }

  /** Resolves once no delivery, retry or replay is in flight. */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Abandons pending retries; nothing is delivered afterwards. */
  close(): void {
    this.closed = true;
    for (const [timer, resolve] of this.sleeps) {
      clearTimeout(timer);
      resolve(false);
    }
    this.sleeps.clear();
  }

  private async deliver(delivery: Delivery): Promise<void> {
    const { target, event } = delivery;
    const maxRetries = target.RetryPolicy?.MaximumRetryAttempts ?? DEFAULT_MAXIMUM_RETRY_ATTEMPTS;
    const maxAgeMs = (target.RetryPolicy?.MaximumEventAgeInSeconds ?? DEFAULT_MAXIMUM_EVENT_AGE_SECONDS) * 1000;
    const ingestedAt = delivery.ingestionTime.getTime();
    let input: string;
    try {
      input = renderTargetInput(target, event, {
        ruleArn: delivery.ruleArn,
        ruleName: delivery.ruleName,
        ingestionTime: delivery.ingestionTime,
      });
    } catch (error) {
      const failure = new TargetInvocationError('INVALID_INPUT', (error as Error).message, false);
      return this.deadLetter(delivery, this.hop(delivery, 1, Date.now()), failure, undefined);
    }
    for (let attempt = 1; !this.closed; attempt += 1) {
      const startedAt = Date.now();
      try {
        await this.invoke(delivery, input);
        this.emit('delivered', { ...this.hop(delivery, attempt, startedAt), input });
        return;
      } catch (error) {
        const failure = classifyError(error);
        const hop = this.hop(delivery, attempt, startedAt);
        const delay = this.backoff(attempt);
        let exhausted: ExhaustedCondition;
        if (failure.retryable) {
          if (attempt - 1 >= maxRetries) exhausted = 'MaximumRetryAttempts';
          else if (Date.now() + delay - ingestedAt > maxAgeMs) exhausted = 'MaximumEventAgeInSeconds';
        }
        const willRetry = failure.retryable && !exhausted && !this.closed;
        this.emit('failed', { ...hop, errorCode: failure.code, errorMessage: failure.message, willRetry });
        if (!willRetry) return this.deadLetter(delivery, hop, failure, exhausted);
        if (!(await this.sleep(delay))) return;
      }
    }
  }

  private async invoke(delivery: Delivery, input: string): Promise<void> {
    const { target } = delivery;
    const arn = parseArn(target.Arn);
    if (arn?.service === 'sqs') {
      return this.options.sqs.send(target.Arn, arn, {
        body: input,
        messageGroupId: target.SqsParameters?.MessageGroupId,
        traceHeader: traceHeaderOf(delivery),
      });
    }
    if (arn?.service === 'lambda') return this.options.lambda.invoke(arn, input);
    if (arn?.service === 'events' && arn.resource.startsWith('api-destination/'))
      return this.options.callApiDestination(arn, target, input);
    if (arn?.service === 'events' && arn.resource.startsWith('event-bus/')) {
      // A bus target may be in another region: its ARN says which.
      return this.options.putToBus(arn.resource.slice('event-bus/'.length), delivery.event, arn.region);
    }
    throw new TargetInvocationError(
      'SDK_CLIENT_ERROR',
      `The offline EventBridge cannot invoke ${arn?.service ?? 'this kind of'} target ${target.Arn}`,
      false,
    );
  }

  private async deadLetter(
    delivery: Delivery,
    hop: TargetHop,
    failure: TargetInvocationError,
    exhausted: ExhaustedCondition,
  ): Promise<void> {
    const deadLetterArn = delivery.target.DeadLetterConfig?.Arn;
    const errorCode = failure.code;
    const errorMessage = failure.message;
    if (!deadLetterArn) {
      this.emit('dropped', {
        ...hop,
        reason: `Delivery failed and the target has no dead-letter queue: ${errorMessage}`,
      });
      return;
    }
    const parsed = parseArn(deadLetterArn);
    const attribute = (value: string) => ({ DataType: 'String', StringValue: value });
    try {
      if (!parsed) throw new Error(`${deadLetterArn} is not an ARN`);
      await this.options.sqs.send(deadLetterArn, parsed, {
        body: JSON.stringify(delivery.event),
        traceHeader: traceHeaderOf(delivery),
        attributes: {
          ERROR_CODE: attribute(errorCode),
          ERROR_MESSAGE: attribute(errorMessage.slice(0, 1024) || errorCode),
          ...(exhausted ? { EXHAUSTED_RETRY_CONDITION: attribute(exhausted) } : {}),
          RETRY_ATTEMPTS: attribute(String(hop.attempt - 1)),
          RULE_ARN: attribute(delivery.ruleArn),
          TARGET_ARN: attribute(delivery.target.Arn),
        },
      });
      this.emit('dead-lettered', {
        ...hop,
        deadLetterArn,
        errorCode,
        errorMessage,
        ...(exhausted ? { exhaustedRetryCondition: exhausted } : {}),
      });
    } catch (error) {
      this.emit('dropped', {
        ...hop,
        reason: `Dead-letter queue ${deadLetterArn} refused the event (${(error as Error).message}) after: ${errorMessage}`,
      });
    }
  }

  private hop(delivery: Delivery, attempt: number, startedAt: number): TargetHop {
    const now = Date.now();
    return {
      at: now,
      eventBusName: delivery.eventBusName,
      event: delivery.event,
      ruleName: delivery.ruleName,
      ruleArn: delivery.ruleArn,
      targetId: delivery.target.Id,
      targetArn: delivery.target.Arn,
      attempt,
      durationMs: now - startedAt,
      sinceIngestionMs: now - delivery.ingestionTime.getTime(),
    };
  }

  private backoff(attempt: number): number {
    const { baseDelayMs, maxDelayMs } = this.options.retry;
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  }

  private sleep(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.sleeps.delete(timer);
        resolve(true);
      }, ms);
      this.sleeps.set(timer, resolve);
    });
  }

  /** A throwing hook listener must not break delivery. */
  private emit<K extends keyof EventBridgeHooks>(name: K, ...payload: EventBridgeHooks[K]): void {
    try {
      (this.options.hooks.emit as (name: K, ...args: EventBridgeHooks[K]) => boolean)(name, ...payload);
    } catch {
      // ignored on purpose
    }
  }
}

// X-Ray drops a trace header it cannot read; the event is delivered all the same.
function traceHeaderOf(delivery: Delivery): string | undefined {
  return isValidTraceHeader(delivery.traceHeader) ? delivery.traceHeader : undefined;
}

function isFifoQueue(arn: string): boolean {
  const parsed = parseArn(arn);
  return parsed?.service === 'sqs' && parsed.resource.endsWith('.fifo');
}
