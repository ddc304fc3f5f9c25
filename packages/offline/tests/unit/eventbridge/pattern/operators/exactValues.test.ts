import { fieldMatches, missingFieldMatches } from '../detailMatch';

describe('exact values', () => {
  it('matches a string only as a string of the same characters, case-sensitively', () => {
    expect(fieldMatches(['running'], 'running')).toBe(true);
    expect(fieldMatches(['running'], 'Running')).toBe(false);
    expect(fieldMatches(['3'], 3)).toBe(false);
  });

  it('matches numbers by value, whatever their JSON representation', () => {
    expect(fieldMatches([3], 3.0)).toBe(true);
    expect(fieldMatches([300], JSON.parse('3e2'))).toBe(true);
    expect(fieldMatches([3], '3')).toBe(false);
  });

  it('matches booleans, null and the empty string exactly', () => {
    expect(fieldMatches([true], true)).toBe(true);
    expect(fieldMatches([true], 'true')).toBe(false);
    expect(fieldMatches([null], null)).toBe(true);
    expect(fieldMatches([null], 'null')).toBe(false);
    expect(fieldMatches([''], '')).toBe(true);
    expect(fieldMatches([''], null)).toBe(false);
  });

  it('matches when any of several values does', () => {
    expect(fieldMatches(['a', 2, false, null], 2)).toBe(true);
    expect(fieldMatches(['a', 2, false, null], false)).toBe(true);
    expect(fieldMatches(['a', 2, false, null], null)).toBe(true);
    expect(fieldMatches(['a', 2, false, null], true)).toBe(false);
  });

  it('does not match a missing field, even with null in the list', () => {
    expect(missingFieldMatches([null])).toBe(false);
    expect(missingFieldMatches(['a'])).toBe(false);
  });

  it('matches an event array when the two sets overlap', () => {
    expect(fieldMatches(['b', 'z'], ['a', 'b'])).toBe(true);
    expect(fieldMatches(['z'], ['a', 'b'])).toBe(false);
    expect(fieldMatches(['b'], [['a', ['b']]])).toBe(true);
    expect(fieldMatches([null], [])).toBe(false);
  });
});
