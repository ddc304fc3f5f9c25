import * as z from 'zod/mini';
import { defineCommand, defineEvent, Id, Money } from '@mesh/contracts';

/**
 * The offline package's tests speak of a neutral domain (a library lending books), not of the example one: the
 * emulators and the bus they carry are generic (lint: mesh/no-domain-names). The shapes still hold what a
 * contract violation needs: a non-empty array, money, an enum.
 */

const Isbn = z.string().check(z.regex(/^[0-9-]{1,32}$/));
const CopyLines = z
  .array(z.object({ isbn: Isbn, copies: z.number().check(z.int(), z.positive(), z.maximum(100)) }))
  .check(z.minLength(1), z.maxLength(100));

export const BookLent = defineEvent({
  name: 'BookLent',
  service: 'loans',
  version: 1,
  description: 'A member borrowed books.',
  schema: z.object({ loanId: Id, memberId: Id, books: CopyLines, fee: Money }),
  example: {
    loanId: 'loan-01J9Z6',
    memberId: 'mem-42',
    books: [{ isbn: '978-0-14-044', copies: 2 }],
    fee: { amount: 300, currency: 'EUR' },
  },
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
