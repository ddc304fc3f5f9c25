import * as z from 'zod/mini';
import { defineCommand, defineEvent, Id, Money } from '@mesh/contracts';

/**
 * The bus's tests speak of a neutral domain (a library lending books), not of the example one: the bus is
 * generic, and its tests must not lean on the shapes of one domain's contracts (lint: mesh/no-domain-names).
 * The shapes still cover what the bus handles: nested arrays, money, enums, optional fields.
 */

const Isbn = z.string().check(z.regex(/^[0-9-]{1,32}$/));
const CopyLine = z.object({ isbn: Isbn, copies: z.number().check(z.int(), z.positive(), z.maximum(100)) });
const CopyLines = z.array(CopyLine).check(z.minLength(1), z.maxLength(100));

export const BookLent = defineEvent({
  name: 'BookLent',
  service: 'loans',
  version: 1,
  description: 'A member borrowed books.',
  schema: z.object({
    loanId: Id,
    memberId: Id,
    books: z.array(z.extend(CopyLine, { fee: Money })).check(z.minLength(1), z.maxLength(100)),
    total: Money,
  }),
  example: {
    loanId: 'loan-01J9Z6',
    memberId: 'mem-42',
    books: [{ isbn: '978-0-14-044', copies: 2, fee: { amount: 150, currency: 'EUR' } }],
    total: { amount: 300, currency: 'EUR' },
  },
});

export const BookReturned = defineEvent({
  name: 'BookReturned',
  service: 'loans',
  version: 1,
  description: 'A member brought the books of a loan back.',
  schema: z.object({ loanId: Id, memberId: Id, receiptId: Id }),
  example: { loanId: 'loan-01J9Z6', memberId: 'mem-42', receiptId: 'rct-7' },
});

export const LoanCancelled = defineEvent({
  name: 'LoanCancelled',
  service: 'loans',
  version: 1,
  description: 'The loan was cancelled, by the member or because no copy was free.',
  schema: z.object({
    loanId: Id,
    memberId: Id,
    reason: z.enum(['MEMBER_REQUEST', 'NO_COPY_FREE']),
    detail: z.optional(z.string().check(z.maxLength(500))),
  }),
  example: { loanId: 'loan-01J9Z6', memberId: 'mem-42', reason: 'NO_COPY_FREE', detail: 'all copies out' },
});

export const CopyReserved = defineEvent({
  name: 'CopyReserved',
  service: 'catalog',
  version: 1,
  description: 'Every copy a loan asked for was set aside, atomically.',
  schema: z.object({ loanId: Id, books: CopyLines }),
  example: { loanId: 'loan-01J9Z6', books: [{ isbn: '978-0-14-044', copies: 2 }] },
});

export const ReserveCopy = defineCommand({
  name: 'ReserveCopy',
  service: 'catalog',
  version: 1,
  description: 'Set aside every copy of a loan, or none of them.',
  schema: z.object({ loanId: Id, books: CopyLines }),
  example: { loanId: 'loan-01J9Z6', books: [{ isbn: '978-0-14-044', copies: 2 }] },
  aggregateId: (data) => data.loanId,
});

export const ReleaseCopy = defineCommand({
  name: 'ReleaseCopy',
  service: 'catalog',
  version: 1,
  description: "Release a loan's copies (a compensation).",
  schema: z.object({ loanId: Id, reason: z.enum(['LOAN_CANCELLED', 'MEMBER_REQUEST']) }),
  example: { loanId: 'loan-01J9Z6', reason: 'LOAN_CANCELLED' },
  aggregateId: (data) => data.loanId,
});

const fixtureEvents = [BookLent, BookReturned, LoanCancelled, CopyReserved];

/** Looks a fixture event up as the registry's `findEvent` does, for the outbox relay's `findContract`. */
export const findFixtureEvent = (name: string, version: number) =>
  fixtureEvents.find((contract) => contract.name === name && contract.version === version);
