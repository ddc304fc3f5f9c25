import { HopQueryError, parseHopQuery } from '../../../src/trace';

const parse = (query: string) => parseHopQuery(new URLSearchParams(query), 50_000);

describe('parseHopQuery', () => {
  it('reads every filter', () => {
    expect(parse('correlationId=c-1&eventId=e-1&messageId=m-1&kind=failed&since=0&limit=20')).toEqual({
      correlationId: 'c-1',
      eventId: 'e-1',
      messageId: 'm-1',
      kind: 'failed',
      since: 0,
      limit: 20,
    });
    expect(parse('')).toEqual({});
  });

  it.each([
    [
      'kind=exploded',
      'kind must be one of published, matched, delivered, target-failed, dead-lettered, dropped, sent, received, handled, failed, not "exploded"',
    ],
    ['since=-1', 'since must be a whole number >= 0, not "-1"'],
    ['since=abc', 'since must be a whole number >= 0, not "abc"'],
    ['limit=0', 'limit must be a whole number >= 1, not "0"'],
    ['limit=2.5', 'limit must be a whole number >= 1, not "2.5"'],
    ['limit=50001', 'limit must be at most 50000, not 50001'],
    ['correlationId=', 'correlationId is empty'],
    ['kind=failed&kind=handled', 'kind is given 2 times; give it once'],
    [
      'correlationid=c-1',
      'unknown query parameter "correlationid"; the parameters are correlationId, eventId, messageId, kind, since, limit',
    ],
  ])('refuses %s', (query, message) => {
    expect(() => parse(query)).toThrow(new HopQueryError(message));
  });
});
