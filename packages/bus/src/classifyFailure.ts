import { ContractViolationError } from '@mesh/contracts';
import { MalformedMessageError, NoObserverError, PermanentError } from './errors';

/**
 * What a failure means for its message: `permanent` (it can never succeed: to the DLQ at once),
 * `retries-exhausted` (retriable, but this was its last allowed receive: to the DLQ now, with its reason)
 * or `retriable` (back to its queue for another try).
 */
export type FailureKind = 'permanent' | 'retries-exhausted' | 'retriable';

/**
 * Classifies a consumer's failure. Malformed bodies, unknown types, contract violations and
 * {@link PermanentError}s are permanent; any other error is retriable until the receive that SQS would
 * follow with its own redrive (`receiveCount >= maxReceiveCount`).
 *
 * @example
 * classifyFailure(new Error('timeout'), 5, 5); // 'retries-exhausted'
 */
export function classifyFailure(error: unknown, receiveCount: number, maxReceiveCount: number): FailureKind {
  if (
    error instanceof PermanentError ||
    error instanceof MalformedMessageError ||
    error instanceof NoObserverError ||
    error instanceof ContractViolationError
  ) {
    return 'permanent';
  }
  return receiveCount >= maxReceiveCount ? 'retries-exhausted' : 'retriable';
}

/**
 * Why a message failed, in one line: the error's name and message (a contract violation's message lists
 * each contract path and what is wrong there).
 *
 * @example
 * failureReason(new TypeError('x is undefined')); // 'TypeError: x is undefined'
 */
export function failureReason(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `thrown non-error: ${String(error)}`;
}

// The observer whose call threw, keyed by the thrown error: the failure path reads it without the hot
// path allocating anything on success.
const failedObservers = new WeakMap<object, string>();

/**
 * Notes which observer threw `error`, for its dead letter; returns the error to rethrow (a thrown
 * non-object is wrapped, so it can carry the name too).
 *
 * @example
 * try { await observer(event, ctx); } catch (error) { throw blameObserver(error, name); }
 */
export function blameObserver(error: unknown, observer: string): unknown {
  const thrown = typeof error === 'object' && error !== null ? error : new Error(String(error));
  if (!failedObservers.has(thrown)) failedObservers.set(thrown, observer);
  return thrown;
}

/** The observer {@link blameObserver} noted for `error`, if any. */
export function blamedObserver(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? failedObservers.get(error) : undefined;
}
