import { problemOf } from '../../src/problemOf';

const problem = { type: 'about:blank', title: 'Forbidden', status: 403, detail: 'no' };

describe('problemOf', () => {
  it('reads the problem of a handler result and of a fetched answer alike', () => {
    const result = {
      statusCode: 403,
      headers: { 'Content-Type': 'application/problem+json' },
      body: JSON.stringify(problem),
    };
    expect(problemOf(result)).toEqual(problem);
    const fetched = {
      status: 403,
      headers: new Headers({ 'content-type': 'application/problem+json; charset=utf-8' }),
      body: problem,
    };
    expect(problemOf(fetched)).toEqual(problem);
  });

  it('fails on another content type, on a body without type or title, and on a status unlike the answer’s', () => {
    expect(() => problemOf({ statusCode: 403, headers: { 'content-type': 'application/json' }, body: '{}' })).toThrow(
      /expected content-type application\/problem\+json, got "application\/json"/,
    );
    const json = { 'content-type': 'application/problem+json' };
    expect(() => problemOf({ statusCode: 400, headers: json, body: JSON.stringify({ error: 'x' }) })).toThrow(
      /needs a string type and title/,
    );
    expect(() => problemOf({ statusCode: 404, headers: json, body: JSON.stringify(problem) })).toThrow(
      /problem status 403 is not the answer's 404/,
    );
  });
});
