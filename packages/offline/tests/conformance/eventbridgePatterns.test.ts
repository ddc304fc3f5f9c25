/**
 * Holds the event-pattern engine to the cases recorded against real AWS EventBridge (TestEventPattern), kept in
 * `shared/conformance/` beside the repository (CI puts a copy there) or in the folder named by MESH_CONFORMANCE_DIR.
 * Every case is its own test; a missing folder fails the run instead of silently testing nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { InvalidEventPatternError, compilePattern } from '../../src/eventbridge/pattern';

interface ConformanceCase {
  name: string;
  expect: 'match' | 'no-match' | 'invalid';
  event: unknown;
  pattern: unknown;
}

const repoRoot = path.resolve(__dirname, '../../../..');
const conformanceDir = process.env.MESH_CONFORMANCE_DIR ?? path.resolve(repoRoot, '../shared/conformance');
const casesFile = path.join(conformanceDir, 'eventbridge-patterns.json');

function loadCases(): ConformanceCase[] {
  if (!existsSync(casesFile)) return [];
  const parsed = JSON.parse(readFileSync(casesFile, 'utf8')) as { count: number; cases: ConformanceCase[] };
  return parsed.cases;
}

const cases = loadCases();

describe('EventBridge event patterns, as recorded against AWS', () => {
  it('finds the conformance cases', () => {
    if (!existsSync(casesFile)) {
      throw new Error(
        `Conformance cases not found at ${casesFile}: put a copy of shared/ beside the repository or set MESH_CONFORMANCE_DIR.`,
      );
    }
    const { count } = JSON.parse(readFileSync(casesFile, 'utf8')) as { count: number };
    expect(cases).toHaveLength(count);
  });

  describe.each(['match', 'no-match', 'invalid'] as const)('%s', (expectation) => {
    const selected = cases.filter((testCase) => testCase.expect === expectation);
    if (selected.length === 0) return;
    it.each(selected.map((testCase) => [testCase.name, testCase] as const))('%s', (_name, testCase) => {
      const pattern = testCase.pattern as object;
      if (expectation === 'invalid') {
        expect(() => compilePattern(pattern)).toThrow(InvalidEventPatternError);
        // AWS receives the pattern as text: the raw JSON must be rejected the same way.
        expect(() => compilePattern(JSON.stringify(pattern))).toThrow(InvalidEventPatternError);
      } else {
        expect(compilePattern(pattern).matches(testCase.event)).toBe(expectation === 'match');
        expect(compilePattern(JSON.stringify(pattern)).matches(testCase.event)).toBe(expectation === 'match');
      }
    });
  });

  it('accepts and matches the pattern with a duplicated key, read as raw text', () => {
    const eventFile = path.join(conformanceDir, 'complex_multi_key_event.json');
    const patternFile = path.join(conformanceDir, 'complex_multi_key_event_pattern.json');
    if (!existsSync(eventFile) || !existsSync(patternFile)) {
      throw new Error(`Duplicate-key conformance files not found in ${conformanceDir}.`);
    }
    const rawPattern = readFileSync(patternFile, 'utf8');
    const event: unknown = JSON.parse(readFileSync(eventFile, 'utf8'));
    expect(compilePattern(rawPattern).matches(event)).toBe(true);
  });
});
