import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as z from 'zod/mini';
import { defineEvent } from '../../src';
import { runContractsCommand } from '../../src/tools';

const contract = (schema: z.ZodMiniObject, example: Record<string, unknown>) =>
  defineEvent({ name: 'ParcelShipped', service: 'shipping', version: 1, description: 'fixture', schema, example });
const v1 = contract(z.object({ parcelId: z.string() }), { parcelId: 'p' });

describe('npm run contracts', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'contracts-'));
    out = [];
    err = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const run = (argv: string[], contracts = [v1]) =>
    runContractsCommand({
      argv,
      contracts,
      usages: [],
      defaultSnapshotsDir: dir,
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });

  it('prints its help and exits 0 on --help', () => {
    expect(run(['--help'])).toBe(0);
    expect(out.join('\n')).toContain('Usage: npm run contracts -- <check|snapshot>');
  });

  it.each([[[]], [['publish']], [['check', '--force']], [['check', '--snapshots']], [['check', 'snapshot']]])(
    'exits 2 with the help on misuse: %j',
    (argv) => {
      expect(run(argv)).toBe(2);
      expect(err.join('\n')).toContain('Usage:');
    },
  );

  it('fails check until a new contract is snapshotted, then passes', () => {
    expect(run(['check'])).toBe(1);
    expect(run(['snapshot'])).toBe(0);
    expect(readdirSync(dir)).toEqual(['shipping.ParcelShipped.v1.json']);
    expect(JSON.parse(readFileSync(path.join(dir, 'shipping.ParcelShipped.v1.json'), 'utf8'))).toMatchObject({
      'x-version': 1,
    });
    expect(run(['check'])).toBe(0);
  });

  it('records a change compatible both ways, and refuses to snapshot over a breaking one', () => {
    run(['snapshot']);
    const optional = contract(z.object({ parcelId: z.string(), note: z.optional(z.string()) }), { parcelId: 'p' });
    expect(run(['snapshot'], [optional])).toBe(0);
    expect(readFileSync(path.join(dir, 'shipping.ParcelShipped.v1.json'), 'utf8')).toContain('"note"');
    const renamed = contract(z.object({ id: z.string() }), { id: 'p' });
    expect(run(['snapshot'], [renamed])).toBe(1);
    expect(err.join('\n')).toContain('data.parcelId: field-renamed');
    expect(readFileSync(path.join(dir, 'shipping.ParcelShipped.v1.json'), 'utf8')).toContain('"parcelId"');
  });
});
