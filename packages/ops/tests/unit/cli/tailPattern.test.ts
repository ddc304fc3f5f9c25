import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UsageError } from '@mesh/cli';
import { events } from '@mesh/contracts';
import { defaultTailPattern, formatTailLine, readEventPattern } from '../../../src/cli';

describe('readEventPattern', () => {
  it('reads JSON text or @file', async () => {
    expect(await readEventPattern('{"detail-type":["BookLent"]}', '--pattern')).toEqual({
      'detail-type': ['BookLent'],
    });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'mesh-tail-')), 'pattern.json');
    writeFileSync(file, '{"source":[{"prefix":"mesh."}]}');
    expect(await readEventPattern(`@${file}`, '--pattern')).toEqual({ source: [{ prefix: 'mesh.' }] });
  });

  it.each([
    ['{"source": "mesh.loans"}', /^--pattern is not a valid event pattern: /],
    ['{"detail": {"total": [{"numeric": [">", "x"]}]}}', /^--pattern is not a valid event pattern: /],
    ['{}', /^--pattern is not a valid event pattern: /],
    ['{nope', /^--pattern is not valid JSON: /],
    ['@/no/such/file.json', /^--pattern @\/no\/such\/file\.json: cannot read the file \(ENOENT\)$/],
  ])('refuses %s with the reason', async (raw, reason) => {
    const refused = readEventPattern(raw, '--pattern');
    await expect(refused).rejects.toThrow(UsageError);
    await expect(readEventPattern(raw, '--pattern')).rejects.toThrow(reason);
  });
});

describe('defaultTailPattern', () => {
  it("matches every source of the mesh's contracts", () => {
    const sources = [...new Set(events.map((contract) => contract.source))].sort();
    expect(sources.length).toBeGreaterThan(0);
    expect(defaultTailPattern().source).toEqual(sources);
  });
});

describe('formatTailLine', () => {
  it('shows time, detail-type, source, correlationId and eventId', () => {
    const line = formatTailLine({
      time: '2026-11-25T15:00:00Z',
      'detail-type': 'BookLent',
      source: 'mesh.loans',
      id: 'aws-1',
      detail: { eventId: 'evt-1', correlationId: 'cor-1' },
    });
    expect(line.split(/\s{2,}/)).toEqual(['2026-11-25T15:00:00Z', 'BookLent', 'mesh.loans', 'cor-1', 'evt-1']);
  });
});
