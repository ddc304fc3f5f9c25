import { PROBLEM_CONTENT_TYPE, type ProblemDetails } from '@mesh/bus';

/** An HTTP answer as a handler returns it (API Gateway's structured result) or as a client reads it. */
export interface AnsweredProblem {
  statusCode?: number;
  status?: number;
  headers?: Record<string, unknown> | Headers;
  body?: unknown;
}

const contentTypeOf = (headers: AnsweredProblem['headers']) =>
  headers instanceof Headers
    ? headers.get('content-type')
    : Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'content-type')?.[1];

/**
 * The RFC 9457 problem an API answered, after checking what every error answer of the mesh must be:
 * `application/problem+json`, a body with a string `type` and `title`, and a `status` equal to the
 * answer's. Throws saying which of these is wrong, so a test fails on a body of another shape.
 *
 * @example
 * expect(problemOf(await handler(event))).toMatchObject({ status: 404, orderId: 'ord-1' });
 */
export function problemOf(answer: AnsweredProblem): ProblemDetails {
  const status = answer.statusCode ?? answer.status;
  const contentType = String(contentTypeOf(answer.headers) ?? '');
  if (contentType.split(';')[0]!.trim() !== PROBLEM_CONTENT_TYPE) {
    throw new Error(`expected content-type ${PROBLEM_CONTENT_TYPE}, got "${contentType}" (status ${status})`);
  }
  const body: unknown = typeof answer.body === 'string' ? JSON.parse(answer.body) : answer.body;
  const problem = body as Partial<ProblemDetails> | null;
  if (typeof problem?.type !== 'string' || typeof problem.title !== 'string') {
    throw new Error(`a problem needs a string type and title: ${JSON.stringify(body)}`);
  }
  if (problem.status !== status) throw new Error(`problem status ${problem.status} is not the answer's ${status}`);
  return problem as ProblemDetails;
}
