import * as z from 'zod/mini';
import { fieldErrors, type RequestPart } from '@mesh/bus';
import { InvalidRequestError } from '../errors';

/**
 * Validates a part of a request (path, query, parsed body) against a zod schema; throws
 * {@link InvalidRequestError} pointing at each bad field of that part, which the API answers with 400.
 *
 * @example
 * const { id } = parseRequest(z.object({ id: Id }), event.pathParameters, 'path');
 */
export function parseRequest<S extends z.core.$ZodType>(schema: S, input: unknown, part: RequestPart): z.infer<S> {
  const result = z.safeParse(schema, input);
  if (!result.success) throw new InvalidRequestError(fieldErrors(part, result.error.issues));
  return result.data;
}

/**
 * Parses a JSON request body (base64-encoded or not) and validates it.
 *
 * @example
 * const body = parseJsonBody(PlaceOrderRequest, event);
 */
export function parseJsonBody<S extends z.core.$ZodType>(
  schema: S,
  event: { body?: string; isBase64Encoded?: boolean },
): z.infer<S> {
  const text = event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  let body: unknown;
  try {
    body = JSON.parse(text ?? '');
  } catch {
    throw new InvalidRequestError([{ pointer: '/body', detail: 'the body must be a JSON object' }]);
  }
  return parseRequest(schema, body, 'body');
}
