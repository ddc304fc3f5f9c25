import * as z from 'zod/mini';
import { defineCommand, defineEvent, Id } from '@mesh/contracts';

/**
 * Contracts of a neutral domain (a library lending books) for infra's tests: infra is generic, so its tests
 * declare subscriptions and channels of their own rather than the example domain's (mesh/no-domain-names).
 */

const CopyLines = z
  .array(z.object({ isbn: z.string(), copies: z.number().check(z.int(), z.positive()) }))
  .check(z.minLength(1));

export const BookLent = defineEvent({
  name: 'BookLent',
  service: 'loans',
  version: 1,
  description: 'A member borrowed books.',
  schema: z.object({ loanId: Id, memberId: Id, books: CopyLines }),
  example: { loanId: 'loan-1', memberId: 'mem-1', books: [{ isbn: '978-0-14-044', copies: 1 }] },
});

export const CopyReserved = defineEvent({
  name: 'CopyReserved',
  service: 'catalog',
  version: 1,
  description: 'Every copy a loan asked for was set aside.',
  schema: z.object({ loanId: Id, books: CopyLines }),
  example: { loanId: 'loan-1', books: [{ isbn: '978-0-14-044', copies: 1 }] },
});

export const ReserveCopy = defineCommand({
  name: 'ReserveCopy',
  service: 'catalog',
  version: 1,
  description: 'Set aside every copy of a loan, or none of them.',
  schema: z.object({ loanId: Id, books: CopyLines }),
  example: { loanId: 'loan-1', books: [{ isbn: '978-0-14-044', copies: 1 }] },
  aggregateId: (data) => data.loanId,
});

export const ReleaseCopy = defineCommand({
  name: 'ReleaseCopy',
  service: 'catalog',
  version: 1,
  description: "Release a loan's copies (a compensation).",
  schema: z.object({ loanId: Id }),
  example: { loanId: 'loan-1' },
  aggregateId: (data) => data.loanId,
});
