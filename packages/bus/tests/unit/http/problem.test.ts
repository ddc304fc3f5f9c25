import * as z from 'zod/mini';
import {
  fieldErrors,
  INVALID_REQUEST,
  jsonPointer,
  PROBLEM_CONTENT_TYPE,
  problemDetails,
  problemResponse,
  validationProblem,
} from '../../../src/http/problem';

describe('problem details (RFC 9457)', () => {
  it('answers application/problem+json with the status, and type about:blank titled by the status when none is given', () => {
    const response = problemResponse({ status: 403, detail: 'cus-1 may not act for cus-2' });
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toBe(PROBLEM_CONTENT_TYPE);
    expect(JSON.parse(response.body)).toEqual({
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
      detail: 'cus-1 may not act for cus-2',
    });
  });

  it('keeps a given type, title, extension members and extra headers', () => {
    const response = problemResponse(
      { type: 'urn:mesh:problem:x', title: 'X happened', status: 409, detail: 'd', orderId: 'ord-1' },
      { 'retry-after': '1' },
    );
    expect(response.headers).toEqual({ 'content-type': PROBLEM_CONTENT_TYPE, 'retry-after': '1' });
    expect(JSON.parse(response.body)).toEqual({
      type: 'urn:mesh:problem:x',
      title: 'X happened',
      status: 409,
      detail: 'd',
      orderId: 'ord-1',
    });
  });

  it('escapes "~" and "/" in pointer segments as RFC 6901 says, and points at the whole request with ""', () => {
    expect(jsonPointer(['body', 'copies', 0, 'isbn'])).toBe('/body/copies/0/isbn');
    expect(jsonPointer(['headers', 'a/b~c'])).toBe('/headers/a~1b~0c');
    expect(jsonPointer([])).toBe('');
  });

  it("turns zod's issues into field errors pointing into the named part of the request", () => {
    const schema = z.object({ items: z.array(z.object({ quantity: z.number().check(z.positive()) })) });
    const result = z.safeParse(schema, { items: [{ quantity: 1 }, { quantity: 0 }] });
    expect(result.success).toBe(false);
    expect(fieldErrors('body', result.error!.issues)).toEqual([
      { pointer: '/body/items/1/quantity', detail: result.error!.issues[0]!.message },
    ]);
  });

  it('makes one 400 of type invalid-request listing every bad field, its detail naming them', () => {
    const response = validationProblem([
      { pointer: '/query/limit', detail: 'must be an integer from 1 to 100' },
      { pointer: '/query/customerId', detail: 'must be a valid id' },
    ]);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(response.body)).toEqual({
      type: INVALID_REQUEST,
      title: 'The request is invalid',
      status: 400,
      detail: '/query/limit: must be an integer from 1 to 100; /query/customerId: must be a valid id',
      errors: [
        { pointer: '/query/limit', detail: 'must be an integer from 1 to 100' },
        { pointer: '/query/customerId', detail: 'must be a valid id' },
      ],
    });
  });

  it('titles a status it has no phrase for "Error", never leaving title out', () => {
    expect(problemDetails({ status: 599 })).toEqual({ type: 'about:blank', title: 'Error', status: 599 });
  });
});
