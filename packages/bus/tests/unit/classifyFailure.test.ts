import { ContractViolationError, parseEventDetail } from '@mesh/contracts';
import { BookLent } from '../helpers/fixtureContracts';
import {
  blameObserver,
  blamedObserver,
  classifyFailure,
  failureReason,
  MalformedMessageError,
  NoObserverError,
  PermanentError,
} from '../../src';

function contractViolation(): ContractViolationError {
  try {
    parseEventDetail(BookLent, { eventId: 'e1', data: {} });
  } catch (error) {
    if (error instanceof ContractViolationError) return error;
  }
  throw new Error('expected a contract violation');
}

describe('classifyFailure', () => {
  it.each([
    ['a malformed body', new MalformedMessageError('not JSON')],
    ['an unknown type', new NoObserverError('no observer')],
    ['a contract violation', contractViolation()],
    ["an observer's PermanentError", new PermanentError('order o-1 does not exist')],
  ])('calls %s permanent on its first receive', (_what, error) => {
    expect(classifyFailure(error, 1, 5)).toBe('permanent');
  });

  it('calls a subclass of PermanentError permanent, under its own name', () => {
    class UnknownIsbnError extends PermanentError {
      override readonly name = 'UnknownIsbnError';
    }
    const error = new UnknownIsbnError('isbn-9 is not in the catalog');
    expect(classifyFailure(error, 1, 5)).toBe('permanent');
    expect(failureReason(error)).toBe('UnknownIsbnError: isbn-9 is not in the catalog');
  });

  it('calls any other error retriable until the last allowed receive, then retries-exhausted', () => {
    const error = new Error('DynamoDB throttled');
    expect(classifyFailure(error, 1, 3)).toBe('retriable');
    expect(classifyFailure(error, 2, 3)).toBe('retriable');
    expect(classifyFailure(error, 3, 3)).toBe('retries-exhausted');
    // A message SQS delivers beyond the count (its own redrive lost a race) is still given up on.
    expect(classifyFailure(error, 4, 3)).toBe('retries-exhausted');
    expect(classifyFailure('a thrown string', 1, 1)).toBe('retries-exhausted');
  });
});

describe('failureReason', () => {
  it("names a contract violation's paths and what is wrong there", () => {
    expect(failureReason(contractViolation())).toMatch(/^ContractViolationError: BookLent violates its contract: /);
    expect(failureReason(contractViolation())).toContain('data.loanId');
  });

  it('names a thrown non-error by its value', () => {
    expect(failureReason(42)).toBe('thrown non-error: 42');
  });
});

describe('blameObserver', () => {
  it('remembers which observer threw an error, and wraps a thrown non-object so it can', () => {
    const error = new Error('boom');
    expect(blameObserver(error, 'onBookLent')).toBe(error);
    expect(blamedObserver(error)).toBe('onBookLent');
    const wrapped = blameObserver('plain string', 'onCopyReserved');
    expect(wrapped).toBeInstanceOf(Error);
    expect(blamedObserver(wrapped)).toBe('onCopyReserved');
    expect(blamedObserver(new Error('unblamed'))).toBeUndefined();
  });

  it('keeps the first observer blamed when the same error passes through another', () => {
    const error = new Error('shared');
    blameObserver(error, 'first');
    blameObserver(error, 'second');
    expect(blamedObserver(error)).toBe('first');
  });
});
