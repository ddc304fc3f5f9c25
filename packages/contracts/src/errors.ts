import type * as z from 'zod/mini';

/** A message does not satisfy its contract. `issues` lists each field and why, for logs and 4xx answers. */
export class ContractViolationError extends Error {
  override readonly name = 'ContractViolationError';
  readonly issues: { path: string; message: string }[];

  constructor(
    readonly contractName: string,
    zodError: z.core.$ZodError,
  ) {
    const issues = zodError.issues.map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message }));
    super(`${contractName} violates its contract: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.issues = issues;
  }
}
