import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UsageError } from '@mesh/cli';
import { defaultTailPattern, formatTailLine, readEventPattern } from '../../../src/cli';

describe('readEventPattern', () => {
  it('reads JSON text or @file', async () => {
    expect(await readEventPattern('{"detail-type":["OrderPlaced"]}', '--pattern')).toEqual({
      'detail-type': ['OrderPlaced'],
    });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'mesh-tail-')), 'pattern.json');
    writeFileSync(file, '{"source":[{"prefix":"mesh."}]}');
    expect(await readEventPattern(`@${file}`, '--pattern')).toEqual({ source: [{ prefix: 'mesh.' }] });
  });

  it.each([
    ['{"source": "mesh.orders"}', /^--pattern is not a valid event pattern: /],
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
    expect(defaultTailPattern().source).toEqual(
      expect.arrayContaining(['mesh.orders', 'mesh.inventory', 'mesh.payments']),
    );
  });
});

describe('formatTailLine', () => {
  it('shows time, detail-type, source, correlationId and eventId', () => {
    const line = formatTailLine({
      time: '2026-11-25T15:00:00Z',
      'detail-type': 'OrderPlaced',
      source: 'mesh.orders',
      id: 'aws-1',
      detail: { eventId: 'evt-1', correlationId: 'cor-1' },
    });
    expect(line.split(/\s{2,}/)).toEqual(['2026-11-25T15:00:00Z', 'OrderPlaced', 'mesh.orders', 'cor-1', 'evt-1']);
  });
});
