import { STATUS_CODES } from 'node:http';

/** The media type of every error body of the mesh's APIs (RFC 9457). */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * Where a bad value sits in a request: a JSON Pointer (RFC 6901) into the request seen as one document,
 * `{ body, path, query, headers }` — `/body/copies/0/isbn`, `/path/id`, `/query/limit`,
 * `/headers/x-correlation-id` — and what is wrong with it.
 */
export interface ProblemFieldError {
  pointer: string;
  detail: string;
}

/** The parts of a request a {@link ProblemFieldError} can point into. */
export type RequestPart = 'body' | 'path' | 'query' | 'headers';

/**
 * An RFC 9457 problem: `type` (a URI naming the kind of problem; `about:blank` when the status says it all),
 * `title` (the same for every occurrence of the type), `status`, `detail` (this occurrence), `errors` for
 * validation, and any extension members the type documents (e.g. `orderId`).
 */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: ProblemFieldError[];
  [extension: string]: unknown;
}

/** What a problem is built from: `type` and `title` default to `about:blank` and the status's phrase. */
export interface ProblemInit {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: ProblemFieldError[];
  [extension: string]: unknown;
}

/** An API Gateway (HTTP API or WebSocket) result carrying a problem. */
export interface ProblemResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * A JSON Pointer (RFC 6901) from path segments: `~` and `/` inside a segment are escaped as `~0` and `~1`.
 *
 * @example
 * jsonPointer(['body', 'copies', 0, 'isbn']); // '/body/copies/0/isbn'
 */
export function jsonPointer(segments: readonly PropertyKey[]): string {
  return segments.map((s) => `/${String(s).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/**
 * The field errors of a validation problem from issues such as zod's (`{ path, message }`), each pointing
 * into the named part of the request.
 *
 * @example
 * fieldErrors('body', result.error.issues); // [{ pointer: '/body/items/0/quantity', detail: 'Too small: …' }]
 */
export function fieldErrors(
  part: RequestPart,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): ProblemFieldError[] {
  return issues.map((issue) => ({ pointer: jsonPointer([part, ...issue.path]), detail: issue.message }));
}

/**
 * The problem itself, `type` and `title` filled in.
 *
 * @example
 * problemDetails({ status: 403, detail: 'cus-1 may not act for cus-2' });
 * // { type: 'about:blank', title: 'Forbidden', status: 403, detail: 'cus-1 may not act for cus-2' }
 */
export function problemDetails(init: ProblemInit): ProblemDetails {
  const { type, title, status, ...rest } = init;
  return { type: type ?? 'about:blank', title: title ?? STATUS_CODES[status] ?? 'Error', status, ...rest };
}

/**
 * An API Gateway result whose body is an RFC 9457 problem (`application/problem+json`), the one error body
 * of every API of the mesh. `headers` adds to it (`www-authenticate`, `retry-after`).
 *
 * @example
 * return problemResponse({ type: 'urn:mesh:problem:not-found', title: 'Not found', status: 404, detail: 'no order ord-1' });
 */
export function problemResponse(init: ProblemInit, headers: Record<string, string> = {}): ProblemResponse {
  const problem = problemDetails(init);
  return {
    statusCode: problem.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...headers },
    body: JSON.stringify(problem),
  };
}

/** The problem type of a request with invalid fields: `errors` lists each, with a pointer to it. */
export const INVALID_REQUEST = 'urn:mesh:problem:invalid-request';

/**
 * The 400 of a request with invalid fields: one problem of type {@link INVALID_REQUEST} listing them all.
 *
 * @example
 * return validationProblem([{ pointer: '/query/limit', detail: 'must be an integer from 1 to 100' }]);
 */
export function validationProblem(errors: readonly ProblemFieldError[]): ProblemResponse {
  const detail = errors.map((e) => `${e.pointer || '(request)'}: ${e.detail}`).join('; ');
  return problemResponse({
    type: INVALID_REQUEST,
    title: 'The request is invalid',
    status: 400,
    detail: detail || 'the request is invalid',
    errors: [...errors],
  });
}
